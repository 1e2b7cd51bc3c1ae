/* ui_help.h: the help view, generated from the key table: the keys of the view it was opened from first. */
#ifndef CIIPWB_UI_HELP_H
#define CIIPWB_UI_HELP_H

#include "ui_view.h"

extern const struct ui_view_ops ui_help_view;

#endif
