/* version: the tool's version and the commit it was built from. */
#ifndef FP_VERSION_H
#define FP_VERSION_H
#define FITPLAN_VERSION "0.5.0"
/* The commit the build came from, in one generated object (see the Makefile). */
extern const char fitplan_commit[];
#define FITPLAN_COMMIT fitplan_commit
#endif
