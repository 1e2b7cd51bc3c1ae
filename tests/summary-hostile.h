/* summary-hostile.h: the hostile workbook shared by the summary tests. */
#ifndef CIIPWB_SUMMARY_HOSTILE_H
#define CIIPWB_SUMMARY_HOSTILE_H

/* Create a workbook at PATH whose every text is hostile: markup, spreadsheet formulas, terminal
 * escapes, bidi overrides, invalid UTF-8, CJK, Arabic and a 10,000-character word. Exits the
 * process on failure. */
void sh_write(const char *path);

#endif
