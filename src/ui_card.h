/* ui_card.h: the stakeholder card view: one stakeholder's details, roles and actions. */
#ifndef CIIPWB_UI_CARD_H
#define CIIPWB_UI_CARD_H

#include <stdint.h>

#include "ui_view.h"

extern const struct ui_view_ops ui_card_view;

/* Open the card of stakeholder ID on top of the stack (a search hit on a stakeholder). */
void ui_card_show(struct ui *ui, int64_t id);

#endif
