/*
 * Process 1 of a walled step's PID namespace: what the shell command INIT_COMMAND in
 * designer/runtime/isolation.py does, in one small program. Five programs (a shell, chroot,
 * another shell, env and cat) cost a step about 3.3 ms of CPU to start; this one about 0.7.
 * `make setup` builds it next to this file (scripts/step-init); where it is not built, the
 * shell command is used.
 *
 * It reads, on descriptor 3, one line: the step's root as the step's process has built it.
 * It moves into that root, closes descriptor 4 (the step's process waits for that: its root
 * may move once the init is in it), ignores SIGCHLD (Linux then reaps at once every orphan
 * the step leaves, the init being their parent) and copies its standard input, the worker's
 * pipe, to its standard output until that pipe closes, the way `cat` would. When it ends,
 * Linux kills every process left in the namespace. No root (descriptor 3 closed before a
 * whole line): it ends at once.
 */
#include <errno.h>
#include <signal.h>
#include <unistd.h>

static int read_line(int fd, char *line, size_t size) {
    size_t length = 0;
    while (length + 1 < size) {
        ssize_t got = read(fd, line + length, 1);
        if (got < 0 && errno == EINTR)
            continue;
        if (got != 1)
            return -1;
        if (line[length] == '\n') {
            line[length] = '\0';
            return 0;
        }
        length++;
    }
    return -1;
}

static void copy_until_closed(int from, int to) {
    char buffer[4096];
    for (;;) {
        ssize_t got = read(from, buffer, sizeof buffer);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return;
        for (ssize_t done = 0; done < got;) {
            ssize_t put = write(to, buffer + done, (size_t)(got - done));
            if (put < 0 && errno == EINTR)
                continue;
            if (put < 0)
                break; /* nobody reads: keep waiting for the pipe to close all the same */
            done += put;
        }
    }
}

int main(void) {
    char root[4096];
    if (read_line(3, root, sizeof root) != 0)
        return 1;
    close(3);
    if (chroot(root) != 0 || chdir("/") != 0)
        return 125;
    close(4);
    signal(SIGCHLD, SIG_IGN);
    copy_until_closed(0, 1);
    return 0;
}
