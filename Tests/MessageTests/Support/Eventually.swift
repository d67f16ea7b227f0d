/// Whether `condition` becomes true before `deadline` passes, looking every few milliseconds.
/// The deadline is generous on purpose: it bounds a wait for behaviour, it measures nothing.
func eventually(within deadline: Duration = .seconds(15), _ condition: () -> Bool) async -> Bool {
    let end = ContinuousClock.now + deadline
    while ContinuousClock.now < end {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(5))
    }
    return condition()
}
