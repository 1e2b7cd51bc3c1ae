/* ui_sessionlog.h: the Session log view: what was discussed when, edited and deleted in place. */
#ifndef CIIPWB_UI_SESSIONLOG_H
#define CIIPWB_UI_SESSIONLOG_H

#include "ui_view.h"

extern const struct ui_view_ops ui_sessionlog_view;

#endif
