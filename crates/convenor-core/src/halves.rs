//! Work over a long list split in two, the second half on a thread of
//! its own: reading a schedule of 100,000 meetings is meeting by meeting,
//! and was the longest step of a publish after one edit on a two-core
//! machine (issue 30, BENCHMARKS.md). Pure computation: the results are
//! those of one pass, in the list's order.

use std::sync::Mutex;

/// From how many items the second half goes to another thread: below
/// it, starting one (tens of microseconds) costs more than it saves.
pub(crate) const TWO_THREADS_FROM: usize = 512;

/// `work` over the first half of `items` and over the second, each
/// given the index of its first item, the two results in order. With
/// [`TWO_THREADS_FROM`] items or more, the second half runs on a scoped
/// thread while this one does the first; when no thread can be started,
/// here after it.
pub(crate) fn in_halves<T: Send, R: Send>(
    mut items: Vec<T>,
    work: impl Fn(usize, Vec<T>) -> R + Sync,
) -> [R; 2] {
    let mid = items.len() / 2;
    if items.len() < TWO_THREADS_FROM {
        let second = items.split_off(mid);
        return [work(0, items), work(mid, second)];
    }
    // Held here, not moved into the thread, so that a thread that
    // cannot be started leaves it for this one.
    let second = Mutex::new(Some(items.split_off(mid)));
    let take = || second.lock().unwrap_or_else(|e| e.into_inner()).take();
    std::thread::scope(|scope| {
        let other = std::thread::Builder::new()
            .spawn_scoped(scope, || take().map(|half| work(mid, half)));
        let first = work(0, items);
        let done = match other {
            Ok(handle) => {
                handle.join().unwrap_or_else(|p| std::panic::resume_unwind(p))
            }
            Err(_) => None,
        };
        let second = match done {
            Some(done) => done,
            None => work(mid, take().unwrap_or_default()),
        };
        [first, second]
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_halves_in_order_whatever_the_length() {
        for n in [0, 1, 2, 3, TWO_THREADS_FROM - 1, TWO_THREADS_FROM, 10_001] {
            let items: Vec<usize> = (0..n).collect();
            let [a, b] = in_halves(items, |first, half| {
                assert!(half.iter().enumerate().all(|(k, &i)| i == first + k));
                half
            });
            assert_eq!(a.len(), n / 2);
            let all: Vec<usize> = a.into_iter().chain(b).collect();
            assert_eq!(all, (0..n).collect::<Vec<_>>());
        }
    }

    #[test]
    fn a_long_list_uses_a_second_thread() {
        let here = std::thread::current().id();
        let [a, b] = in_halves(vec![(); TWO_THREADS_FROM], |_, _| {
            std::thread::current().id()
        });
        assert_eq!(a, here);
        assert_ne!(b, here);
    }
}
