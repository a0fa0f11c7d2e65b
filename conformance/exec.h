/* SPDX-License-Identifier: MIT */
/*
 * The client under test, started for each case (m2conform --exec): a
 * shell command with {addr}, {addrvec}, {host} and {port} replaced by
 * where the runner listens, run in its own process group with its
 * output in a log file, and ended by its PID when the case is over.
 */
#ifndef M2_CF_EXEC_H
#define M2_CF_EXEC_H

#include <stddef.h>
#include <sys/types.h>

struct cf_proc {
	pid_t		 pid;		/* 0: none */
	int		 status;	/* waitpid's, once it ended */
	int		 ended;
	int		 we_killed;	/* it ended by our signal */
};

/*
 * cf_exec_expand writes |tmpl| with its placeholders replaced into
 * |out|; returns 0, or -1 if it does not fit.
 */
int		 cf_exec_expand(const char *tmpl, const char *addr,
		    const char *host, const char *port, char *out,
		    size_t cap);

/*
 * cf_exec_start runs |cmd| with /bin/sh -c in a new process group, its
 * stdin /dev/null and stdout and stderr appended to |log| (or
 * /dev/null).  Returns 0 or -1.
 */
int		 cf_exec_start(struct cf_proc *pr, const char *cmd,
		    const char *log);

/*
 * cf_exec_stop waits up to |grace_ms| for the process to end by itself,
 * then sends SIGTERM to its group, and SIGKILL after 1 s; it always
 * reaps it.
 */
void		 cf_exec_stop(struct cf_proc *pr, int grace_ms);

/* cf_exec_poll reaps the process if it has ended; returns pr->ended. */
int		 cf_exec_poll(struct cf_proc *pr);

/*
 * cf_exec_crashed returns the signal that ended the process if it was
 * a crash (SIGSEGV, SIGABRT, SIGBUS, SIGILL, SIGFPE, SIGSYS, SIGTRAP)
 * and not ours (also when a shell reported it as exit 128+N), else 0.
 */
int		 cf_exec_crashed(const struct cf_proc *pr);

/* cf_exec_describe writes "exit 1", "signal 11", "killed by us", ... */
void		 cf_exec_describe(const struct cf_proc *pr, char *s,
		    size_t n);

#endif
