/* tui.h - the terminal workbook, the program's main screen (DESIGN §5). */
#ifndef TANBOOK_TUI_H
#define TANBOOK_TUI_H

#include "app.h"

/*
 * Whether argv (the whole command line) asks for the workbook screen rather than a command: no
 * arguments, a workbook file (existing, or new with a path or extension), --demo, --lang, --year.
 */
int tui_wants(int argc, char **argv);
/*
 * `tanbook [FILE] [--year YEAR] [--lang zh|en]`, `tanbook --demo`: opens the workbook (creating it
 * after asking for the unit name and year), runs the screen, returns the exit code.
 */
int tui_main(struct app *app, int argc, char **argv);

#endif
