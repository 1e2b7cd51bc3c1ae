/* ui_details.h: the Workshop details form and the breakout groups (add, rename, retire). */
#ifndef CIIPWB_UI_DETAILS_H
#define CIIPWB_UI_DETAILS_H

#include "ui_view.h"

extern const struct ui_view_ops ui_details_view;

#endif
