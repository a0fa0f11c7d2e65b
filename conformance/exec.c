/* SPDX-License-Identifier: MIT */
/* The client under test as a child process (exec.h). */
#include "exec.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* see exec.h */
int
cf_exec_expand(const char *tmpl, const char *addr, const char *host,
    const char *port, char *out, size_t cap)
{
	static const char *const keys[] = { "{addr}", "{addrvec}", "{host}",
	    "{port}" };
	char vec[128];
	const char *vals[4];
	size_t o = 0;

	snprintf(vec, sizeof(vec), "[%s]", addr);
	vals[0] = addr;
	vals[1] = vec;
	vals[2] = host;
	vals[3] = port;
	while (*tmpl != '\0') {
		const char *v = NULL;
		size_t kl = 0, vl;

		for (size_t i = 0; i < 4 && v == NULL; i++) {
			kl = strlen(keys[i]);
			if (strncmp(tmpl, keys[i], kl) == 0)
				v = vals[i];
		}
		if (v == NULL) {
			v = tmpl;
			kl = vl = 1;
		} else
			vl = strlen(v);
		if (o + vl + 1 > cap)
			return -1;
		memcpy(out + o, v, vl);
		o += vl;
		tmpl += kl;
	}
	out[o] = '\0';
	return 0;
}

/* see exec.h */
int
cf_exec_start(struct cf_proc *pr, const char *cmd, const char *log)
{
	pid_t pid;

	memset(pr, 0, sizeof(*pr));
	fflush(NULL);
	if ((pid = fork()) < 0)
		return -1;
	if (pid == 0) {
		int in = open("/dev/null", O_RDONLY);
		int out = open(log ? log : "/dev/null", O_WRONLY | O_CREAT |
		    O_APPEND, 0644);

		(void)setpgid(0, 0);
		signal(SIGPIPE, SIG_DFL);
		if (in >= 0)
			(void)dup2(in, 0);
		if (out >= 0) {
			(void)dup2(out, 1);
			(void)dup2(out, 2);
		}
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	(void)setpgid(pid, pid);	/* no race with the child's own call */
	pr->pid = pid;
	return 0;
}

static int
reap(struct cf_proc *pr, int wait_ms)
{
	struct timespec ts = { 0, 10 * 1000 * 1000 };

	for (int waited = 0;; waited += 10) {
		pid_t r = waitpid(pr->pid, &pr->status, WNOHANG);

		if (r == pr->pid || (r < 0 && errno == ECHILD)) {
			pr->ended = 1;
			return 1;
		}
		if (waited >= wait_ms)
			return 0;
		nanosleep(&ts, NULL);
	}
}

/* see exec.h */
int
cf_exec_poll(struct cf_proc *pr)
{
	if (pr->pid > 0 && !pr->ended)
		(void)reap(pr, 0);
	return pr->ended;
}

/* see exec.h */
void
cf_exec_stop(struct cf_proc *pr, int grace_ms)
{
	if (pr->pid <= 0 || pr->ended)
		return;
	if (reap(pr, grace_ms)) {
		/* its children (the shell's) may live on: end the group */
		(void)kill(-pr->pid, SIGKILL);
		return;
	}
	pr->we_killed = 1;
	(void)kill(-pr->pid, SIGTERM);
	if (reap(pr, 1000))
		return;
	(void)kill(-pr->pid, SIGKILL);
	(void)reap(pr, 5000);
}

/* see exec.h */
int
cf_exec_crashed(const struct cf_proc *pr)
{
	int sig;

	if (!pr->ended)
		return 0;
	if (WIFSIGNALED(pr->status))
		sig = WTERMSIG(pr->status);
	else if (WIFEXITED(pr->status) && WEXITSTATUS(pr->status) > 128)
		sig = WEXITSTATUS(pr->status) - 128;	/* the shell's report */
	else
		return 0;
	if (pr->we_killed && (sig == SIGTERM || sig == SIGKILL))
		return 0;
	switch (sig) {
	case SIGSEGV: case SIGABRT: case SIGBUS: case SIGILL: case SIGFPE:
	case SIGSYS: case SIGTRAP:
		return sig;
	default:
		return 0;
	}
}

/* see exec.h */
void
cf_exec_describe(const struct cf_proc *pr, char *s, size_t n)
{
	if (pr->pid <= 0)
		snprintf(s, n, "not started");
	else if (!pr->ended)
		snprintf(s, n, "still running");
	else if (WIFEXITED(pr->status))
		snprintf(s, n, "exit %d%s", WEXITSTATUS(pr->status),
		    pr->we_killed ? " after our SIGTERM" : "");
	else if (WIFSIGNALED(pr->status))
		snprintf(s, n, "%s %d (%s)", pr->we_killed ? "ended by our "
		    "signal" : "died of signal", WTERMSIG(pr->status),
		    strsignal(WTERMSIG(pr->status)));
	else
		snprintf(s, n, "status 0x%x", pr->status);
}
