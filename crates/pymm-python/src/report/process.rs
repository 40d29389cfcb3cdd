//! What the operating system says about the process: resident set size, its peak, and the
//! processor time of the running thread (Linux; elsewhere the sizes are unknown).

use std::fs::File;
use std::os::unix::fs::FileExt;
use std::time::Duration;

/// Reads the resident set size from `/proc/self/statm`, kept open: a timeline sample then
/// costs one `pread` (no open and close per sample).
pub struct ResidentSize {
    statm: Option<File>,
    page_size: usize,
}

impl ResidentSize {
    /// Opens `/proc/self/statm` (the sizes read as unknown if that fails).
    pub fn open() -> ResidentSize {
        ResidentSize {
            statm: File::open("/proc/self/statm").ok(),
            page_size: page_size(),
        }
    }

    /// Reads nothing (every size unknown): the placeholder left behind when a finished
    /// recording's state is taken, which needs no file opened.
    pub fn closed() -> ResidentSize {
        ResidentSize {
            statm: None,
            page_size: 0,
        }
    }

    /// Resident set size now.
    pub fn bytes(&self) -> Option<usize> {
        let mut buffer = [0u8; 128];
        let read = self.statm.as_ref()?.read_at(&mut buffer, 0).ok()?;
        let text = std::str::from_utf8(&buffer[..read]).ok()?;
        let pages: usize = text.split_whitespace().nth(1)?.parse().ok()?;
        Some(pages * self.page_size)
    }
}

/// Peak resident set size (Linux: `VmHWM` in `/proc/self/status`). `getrusage`'s
/// `ru_maxrss` would be one system call, but after an `exec` from a `vfork`ed child it
/// also counts the parent's peak. The file is read in one `read` into a buffer on the
/// stack (it is ~1.4 KiB): `read_to_string` made a `statx` and 8 reads of growing
/// pieces of it.
pub fn peak_resident_bytes() -> Option<usize> {
    let mut buffer = [0u8; 8192];
    let read = File::open("/proc/self/status")
        .ok()?
        .read_at(&mut buffer, 0)
        .ok()?;
    let status = std::str::from_utf8(&buffer[..read]).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: usize = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// Processor time this thread has used.
pub fn thread_cpu_time() -> Duration {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes only the timespec it is given.
    if unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) } != 0 {
        return Duration::ZERO;
    }
    Duration::new(now.tv_sec as u64, now.tv_nsec as u32)
}

/// The size of a memory page, in bytes.
pub fn page_size() -> usize {
    // SAFETY: sysconf only reads a configuration value.
    let size = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    usize::try_from(size).unwrap_or(4096)
}

/// Asks the kernel to map in now, in one call, the whole pages of `memory` (which the
/// caller owns and will write), rather than one page fault at a time as they are first
/// written. The contents are unchanged; a kernel without `MADV_POPULATE_WRITE` (before
/// Linux 5.14) refuses, and the pages are faulted in as before.
pub fn populate<T>(memory: &[T]) {
    #[cfg(target_os = "linux")]
    {
        let page = page_size();
        let start = memory.as_ptr() as usize;
        let end = start + std::mem::size_of_val(memory);
        let first = start.next_multiple_of(page);
        let last = end / page * page;
        if last > first {
            // SAFETY: [first, last) lies inside `memory`, which the caller owns;
            // MADV_POPULATE_WRITE only maps its pages in (as a write of each would) and
            // changes no byte of it. The result is ignored: a refusal leaves the memory
            // as it was.
            unsafe {
                libc::madvise(
                    first as *mut libc::c_void,
                    last - first,
                    libc::MADV_POPULATE_WRITE,
                );
            }
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = memory;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_resident_size_is_read_again_at_each_call() {
        let resident = ResidentSize::open();
        let before = resident.bytes().expect("Linux has /proc/self/statm");
        // black_box: an optimised build would otherwise drop the unused vector's
        // allocation and its writes altogether.
        let block = std::hint::black_box(vec![1u8; 64 << 20]);
        let after = resident.bytes().unwrap();
        assert!(after >= before + (32 << 20), "{before} -> {after}");
        assert!(peak_resident_bytes().unwrap() >= after);
        drop(block);
        assert_eq!(ResidentSize::closed().bytes(), None);
    }
}
