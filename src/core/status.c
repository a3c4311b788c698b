/* status: messages for the status list in status.h. */
#include "status.h"

const char *status_str(fp_status s)
{
	switch (s) {
#define FP_STATUS_CASE(name, code, msg) case name: return msg;
	FP_STATUS_LIST(FP_STATUS_CASE)
#undef FP_STATUS_CASE
	}
	return "unknown status";
}

/* Order of severity: an internal error beats everything, then I/O and output
 * problems, then a program that is not there or failed (LibreOffice for pack), then a
 * missing input, then bad data, then usage. */
static int rank(fp_status s)
{
	switch (s) {
	case FP_OK: return 0;
	case FP_DIFFERENT: return 1;
	case FP_EUSAGE: return 2;
	case FP_EDATA: return 3;
	case FP_ENOINPUT: return 4;
	case FP_EUNAVAILABLE: return 5;
	case FP_ECANTCREAT: return 6;
	case FP_EIO: return 7;
	case FP_ESOFTWARE: return 8;
	}
	return 8;
}

fp_status status_worse(fp_status a, fp_status b)
{
	return rank(a) >= rank(b) ? a : b;
}
