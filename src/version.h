/* version: the tool's version; the build may pass the commit it was built from. */
#ifndef FP_VERSION_H
#define FP_VERSION_H
#define FITPLAN_VERSION "0.1.0"
#ifndef FITPLAN_COMMIT
#define FITPLAN_COMMIT "unknown"
#endif
#endif
