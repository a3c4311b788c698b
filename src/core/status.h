/* status: the one list of outcomes, each with its sysexits(3) exit code and message.
 * Every function that can fail returns an fp_status; main() returns it as the exit code. */
#ifndef FP_STATUS_H
#define FP_STATUS_H

#define FP_STATUS_LIST(X)                                   \
	X(FP_OK, 0, "success")                              \
	X(FP_DIFFERENT, 1, "outputs differ")                \
	X(FP_EUSAGE, 64, "usage error")                     \
	X(FP_EDATA, 65, "data error")                       \
	X(FP_ENOINPUT, 66, "cannot open input")             \
	X(FP_EUNAVAILABLE, 69, "service unavailable")       \
	X(FP_ESOFTWARE, 70, "internal error")               \
	X(FP_ECANTCREAT, 73, "cannot create output")        \
	X(FP_EIO, 74, "input/output error")

typedef enum fp_status {
#define FP_STATUS_ENUM(name, code, msg) name = code,
	FP_STATUS_LIST(FP_STATUS_ENUM)
#undef FP_STATUS_ENUM
} fp_status;

/* status_str: the fixed message of a status; never NULL. */
const char *status_str(fp_status s);

/* status_worse: the more severe of two statuses (the one a run should exit with). */
fp_status status_worse(fp_status a, fp_status b);

#endif
