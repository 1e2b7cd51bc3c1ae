/* ui_browser.h: the browser view (navigation and text panes), the bottom of the view stack. */
#ifndef CIIPWB_UI_BROWSER_H
#define CIIPWB_UI_BROWSER_H

#include "ui_view.h"

extern const struct ui_view_ops ui_browser_view;

#endif
