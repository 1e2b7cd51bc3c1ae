/* ui_roles.h: giving and removing roles from any view, and the item pane's lines of roles. */
#ifndef CIIPWB_UI_ROLES_H
#define CIIPWB_UI_ROLES_H

#include <stdint.h>

struct ui;

/* Give stakeholder SH the role ROLE (enum map_raci) on item REF, saved at once. A second
 * accountable asks first whether to replace the lead there is (who stays, as responsible). */
void ui_roles_set(struct ui *ui, int64_t sh, const char *ref, int role);
/* A chooser of the four roles (CURRENT selected, -1 for none), then ui_roles_set. */
void ui_roles_choose(struct ui *ui, int64_t sh, const char *ref, int current);
/* Ask, then remove the role ROLE_ID. */
void ui_roles_remove_ask(struct ui *ui, int64_t role_id);
/* Add the roles of item REF to the text pane (lead first), or a line saying it has no lead:
 * the item pane calls it below the ratings. 0 or -1. */
int ui_roles_build(struct ui *ui, const char *ref);

#endif
