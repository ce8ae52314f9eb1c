package devserver

import (
	"errors"
	"io/fs"
	"sync/atomic"
	"syscall"
	"time"
)

// readFS is the site folder as the builds read it. It notes whether a read failed with
// an error that may pass by itself, so that a build that met one is tried again: no
// file event would tell that the file can be read now.
type readFS struct {
	fs.FS
	transient atomic.Bool // a read failed with such an error since it was last cleared
}

// note records err if it may pass, and returns it.
func (r *readFS) note(err error) error {
	if mayPass(err) {
		r.transient.Store(true)
	}
	return err
}

// mayPass reports whether a read failed with an error that can last a while and then
// not: the process or the system out of file descriptors or memory, an interrupted or
// busy call, a network file system's hiccup.
func mayPass(err error) bool {
	var errno syscall.Errno
	if !errors.As(err, &errno) {
		return false
	}
	switch errno {
	case syscall.EMFILE, syscall.ENFILE, syscall.ENOMEM, syscall.EAGAIN,
		syscall.EINTR, syscall.EBUSY, syscall.EIO, syscall.ETIMEDOUT, syscall.ESTALE:
		return true
	}
	return false
}

// The methods pass through, so that the file system's own faster ways are used and its
// symbolic links are seen for what they are (the build checks them).

func (r *readFS) Open(name string) (fs.File, error) {
	f, err := r.FS.Open(name)
	return f, r.note(err)
}

func (r *readFS) ReadFile(name string) ([]byte, error) {
	data, err := fs.ReadFile(r.FS, name)
	return data, r.note(err)
}

func (r *readFS) ReadDir(name string) ([]fs.DirEntry, error) {
	entries, err := fs.ReadDir(r.FS, name)
	return entries, r.note(err)
}

func (r *readFS) Stat(name string) (fs.FileInfo, error) {
	info, err := fs.Stat(r.FS, name)
	return info, r.note(err)
}

func (r *readFS) Lstat(name string) (fs.FileInfo, error) {
	info, err := fs.Lstat(r.FS, name)
	return info, r.note(err)
}

func (r *readFS) ReadLink(name string) (string, error) {
	target, err := fs.ReadLink(r.FS, name)
	return target, r.note(err)
}

// backoff spaces the attempts to build again after an error that may pass: at first
// soon, then less and less often, never more than maxRetryWait apart. The zero value
// is ready for the first attempt.
type backoff struct {
	last time.Duration
}

const (
	firstRetryWait = 50 * time.Millisecond
	maxRetryWait   = 5 * time.Second
)

// next returns the time to wait before the next attempt.
func (b *backoff) next() time.Duration {
	b.last = min(max(2*b.last, firstRetryWait), maxRetryWait)
	return b.last
}
