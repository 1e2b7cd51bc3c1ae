/* ui_script.h: the headless scripted browser (--script FILE --size COLSxROWS). */
#ifndef CIIPWB_UI_SCRIPT_H
#define CIIPWB_UI_SCRIPT_H

struct cli;
struct catalog;
struct wb;

/* Run the browser on a virtual screen, reading commands from cli->script. Returns the exit
 * status: 0, or 1 with a message on stderr naming the script line. */
int ui_script_main(const struct cli *cli, const struct catalog *cat, struct wb *wb);

#endif
