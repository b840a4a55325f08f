// index/rw_lock.h -- stage 4 (index) of DESIGN.md: the reader-writer lock of
// the indexes. std::shared_mutex on glibc prefers readers, so a steady stream
// of searches starves writes (a Remove could wait forever); this one makes new
// readers wait behind a waiting writer (glibc's
// PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP). Not recursive: a thread must
// not take it twice. Meets SharedLockable, for std::shared_lock/unique_lock.
// Thread-safety: it is the synchronisation.
#ifndef QIANCHENG_INDEX_RW_LOCK_H_
#define QIANCHENG_INDEX_RW_LOCK_H_

#include <pthread.h>

namespace qiancheng::index {

class RwLock {
 public:
  RwLock() {
    pthread_rwlockattr_t attr;
    pthread_rwlockattr_init(&attr);
    pthread_rwlockattr_setkind_np(&attr,
                                  PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
    pthread_rwlock_init(&lock_, &attr);
    pthread_rwlockattr_destroy(&attr);
  }
  ~RwLock() { pthread_rwlock_destroy(&lock_); }
  RwLock(const RwLock&) = delete;
  RwLock& operator=(const RwLock&) = delete;

  void lock() { pthread_rwlock_wrlock(&lock_); }
  void unlock() { pthread_rwlock_unlock(&lock_); }
  void lock_shared() { pthread_rwlock_rdlock(&lock_); }
  void unlock_shared() { pthread_rwlock_unlock(&lock_); }

 private:
  pthread_rwlock_t lock_;
};

}  // namespace qiancheng::index

#endif  // QIANCHENG_INDEX_RW_LOCK_H_
