/* ui_room.h: running the room in the browser: time-box keys, follow mode, session-log entries, prompts. */
#ifndef CIIPWB_UI_ROOM_H
#define CIIPWB_UI_ROOM_H

#include <stddef.h>
#include <stdint.h>

#include "keys.h"

struct ui;
struct cli;
struct fw_item;
struct framework;

/*
 * The state lives in ui->room (made by ui_room_start). A leader (any instance on a writable
 * workbook) publishes its selection and its timer for followers whenever they change; a
 * follower (--follow) opens the workbook read-only and shows what the leader shows.
 */
struct ui_room;

/* After ui_init: FOLLOW and PRESENT from the command line. 0, or -1 out of memory. */
int ui_room_start(struct ui *ui, int follow, int present);
/* Before ui_fini: a leader tells its followers that it has quit. */
void ui_room_free(struct ui *ui);

/* 1 while a room prompt (a chooser or an editor) takes every key, raw. */
int ui_room_busy(const struct ui *ui);
void ui_room_key(struct ui *ui, int key);
/* Every drawing pass, last: the prompt, and the leader's position published when it moved. */
void ui_room_draw(struct ui *ui);
/* Every poll (about four times a second, and the script's "poll"): CHANGED says whether the
 * workbook changed since the last poll. Follows the leader, ticks and rings the timer. */
void ui_room_poll(struct ui *ui, int changed);
/* Scripted mode runs the time-box on a clock of its own, starting at 2026-11-23 09:00 UTC:
 * move it on by SECONDS (the script's "wait"). */
#define UI_ROOM_SCRIPT_EPOCH INT64_C(1795424400)
void ui_room_wait(struct ui *ui, int64_t seconds);
/* How long the main loop may wait for a key, in milliseconds. */
int ui_room_poll_ms(const struct ui *ui);

/* The actions of the room's global keys: 1 if A was one of them. */
int ui_room_action(struct ui *ui, enum keys_action a);

/* 1 in follow mode. */
int ui_room_following(const struct ui *ui);
/* The title bar's words for a follower: "FOLLOWING", "FOLLOWING: the leader has quit".
 * Malloc'd; "" when not following. */
char *ui_room_title(const struct ui *ui);
/* The status line's time-box segment: "Time-box 12:05 left" or "TIME UP +0:42", "" when no
 * timer ran for the current heading; *ALERT is set when it has run out. Malloc'd. */
char *ui_room_timer(const struct ui *ui, int *alert);

/* The heading of the current selection: key ("64/211#2", or "58/199" for an annex without
 * headings) into BUF; 0, or -1 when nothing is selected. */
int ui_room_heading_key(const struct ui *ui, char *buf, size_t size);
/* A readable name for a heading key: "64/211, heading 2: Stakeholder roles and
 * responsibilities". Malloc'd, sanitised. */
char *ui_room_heading_name(const struct ui *ui, const char *key);
/* The same, short, for a table: "2 Stakeholder roles and responsibilities". */
char *ui_room_heading_short(const struct ui *ui, const char *key);
/* Select the framework row of framework FW, or the row of heading H of it. */
void ui_room_select_row(struct ui *ui, size_t fw, size_t heading);
/* "Question 5 of 18", "Element 3 of 11", "Item 2 of 9". Malloc'd. */
char *ui_room_position(const struct fw_item *it);

/* Prompts for the room's views. DONE gets the text typed (a text prompt) or the index picked
 * (a chooser); it returns 0 (close the prompt), 1 (keep the editor open: the text stays, the
 * message line says why) or 2 (it opened another prompt). */
typedef int ui_room_done(struct ui *ui, int64_t id, int field, const char *text, size_t pick);
int ui_room_ask_text(struct ui *ui, const char *title, const char *initial, int64_t id,
    int field, ui_room_done *done);
int ui_room_ask_choice(struct ui *ui, const char *title, const char *const *labels, size_t n,
    size_t sel, int64_t id, int field, ui_room_done *done);
/* The breakout groups' names by key (sanitised), for tagging notes and log entries. */
struct ui_room_groups {
	int64_t *id;
	char **name;
	size_t n;
};
/* 0, or -1 with the workbook's error on the message line (G is then empty). */
int ui_room_groups_load(struct ui *ui, struct ui_room_groups *g);
/* The name of group ID, or "" (none, or retired). */
const char *ui_room_group_name(const struct ui_room_groups *g, int64_t id);
void ui_room_groups_free(struct ui_room_groups *g);
/* The message line shows the workbook's last error. */
void ui_room_error(struct ui *ui);

#endif
