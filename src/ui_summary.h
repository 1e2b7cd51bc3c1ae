/* ui_summary.h: the Summary view (the text summary previewed page by page; print and export). */
#ifndef CIIPWB_UI_SUMMARY_H
#define CIIPWB_UI_SUMMARY_H

#include "ui_view.h"

extern const struct ui_view_ops ui_summary_view;

#endif
