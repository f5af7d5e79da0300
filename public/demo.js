// The demo host page listening to its widgets' events, as a host page would.
const log = document.getElementById('demo-events');
for (const widget of document.querySelectorAll('mnist-playground')) {
  widget.addEventListener('trained', (event) => {
    log.textContent = `${widget.id} finished: ${(event.detail.accuracy * 100).toFixed(2)}% test accuracy.`;
  });
}
