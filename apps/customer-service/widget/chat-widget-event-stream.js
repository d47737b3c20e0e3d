/* global window, fetch, TextDecoder, AbortController, setTimeout, clearTimeout */
// The widget's live connection: server-sent events read with fetch, which, unlike EventSource, can
// send the API key header. Parses `event:` and `data:` lines (JSON data). A dropped or refused stream
// is retried with exponential backoff and jitter (1 s doubling to 30 s, reset once a stream opens),
// resuming after the last message seen (`after` and Last-Event-ID); going back online retries at once.
// 401, 403 and 404 are final: another try cannot heal them.
// eslint-disable-next-line @typescript-eslint/no-unused-vars
function openSupportChatEventStream(options) {
  // options: url() -> string, headers() -> object, lastSeq() -> number,
  //          onEvent(type, payload), onState('open' | 'reconnecting' | 'closed')
  var active = null;
  var retryTimer = null;
  var retryDelay = 1000;

  function connect() {
    if (active || typeof TextDecoder === 'undefined') return;
    clearTimeout(retryTimer);
    retryTimer = null;
    var controller = new AbortController();
    active = controller;
    var retry = function () {
      if (active !== controller) return;
      active = null;
      options.onState('reconnecting');
      var wait = retryDelay * (0.75 + Math.random() * 0.5);
      retryDelay = Math.min(retryDelay * 2, 30000);
      retryTimer = setTimeout(connect, wait);
    };
    var headers = options.headers();
    headers.accept = 'text/event-stream';
    if (options.lastSeq() > 0) headers['last-event-id'] = String(options.lastSeq());
    fetch(options.url(), { headers: headers, signal: controller.signal })
      .then(function (res) {
        if (!res.ok || !res.body) {
          if (res.status === 404 || res.status === 401 || res.status === 403) {
            active = null;
            options.onState('closed');
          } else retry();
          return;
        }
        retryDelay = 1000;
        options.onState('open');
        var reader = res.body.getReader();
        var decoder = new TextDecoder();
        var buffer = '';
        var pump = function () {
          return reader.read().then(function (chunk) {
            if (chunk.done) {
              retry();
              return;
            }
            buffer += decoder.decode(chunk.value, { stream: true });
            var blocks = buffer.split(/\r?\n\r?\n/);
            buffer = blocks.pop();
            blocks.forEach(dispatch);
            return pump();
          });
        };
        return pump();
      })
      .catch(function () {
        if (!controller.signal.aborted) retry();
      });
  }

  function dispatch(block) {
    var type = 'message';
    var data = [];
    block.split(/\r?\n/).forEach(function (line) {
      if (line.indexOf('event:') === 0) type = line.slice(6).trim();
      else if (line.indexOf('data:') === 0) data.push(line.slice(5).replace(/^ /, ''));
    });
    if (data.length === 0) return;
    var payload;
    try {
      payload = JSON.parse(data.join('\n'));
    } catch {
      return;
    }
    options.onEvent(type, payload);
  }

  window.addEventListener('online', function () {
    if (retryTimer) connect();
  });
  return { connect: connect };
}
