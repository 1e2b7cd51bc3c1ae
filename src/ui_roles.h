/* ui_roles.h: giving and removing roles from any view, and the item pane's lines of roles. */
#ifndef CIIPWB_UI_ROLES_H
#define CIIPWB_UI_ROLES_H

#include <stddef.h>
#include <stdint.h>

struct ui;

/* Give stakeholder SH the role ROLE (enum map_raci) on item REF, saved at once. A second
 * accountable asks first whether to replace the lead there is (who stays, as responsible). */
void ui_roles_set(struct ui *ui, int64_t sh, const char *ref, int role);
/* A chooser of the four roles (CURRENT selected, -1 for none), then ui_roles_set. */
void ui_roles_choose(struct ui *ui, int64_t sh, const char *ref, int current);
/* Ask, then remove the role ROLE_ID. */
void ui_roles_remove_ask(struct ui *ui, int64_t role_id);
/* Add roles FROM to FROM + COUNT - 1 (COUNT 0: all from FROM) of item REF to the text pane
 * (lead first), after the last of them a line saying it has no lead if so: the item pane
 * calls it below the ratings, a page at a time. *MORE: 1 when roles are left after them.
 * Returns how many roles it added, or -1. */
int ui_roles_build(struct ui *ui, const char *ref, size_t from, size_t count, int *more);

#endif
