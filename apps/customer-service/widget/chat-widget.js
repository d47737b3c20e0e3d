/* global window, document, navigator, fetch, localStorage, crypto, TextDecoder, AbortController, FormData, FileReader, setTimeout, clearTimeout, ResizeObserver, SUPPORT_CHAT_STRINGS, SUPPORT_CHAT_CSS */
// The support chat widget: one <script src=".../widget.js" data-key="PUBLISHABLE_KEY" async> tag.
// Plain browser JavaScript, no dependencies and no external assets; styles live in a shadow root so the
// host page and the widget cannot restyle each other. The conversation id is kept in localStorage, so
// a reload continues the same conversation. Live messages (agents) arrive as server-sent events read
// with fetch, which, unlike EventSource, can send the API key header. Options (script attributes):
// data-title, data-locale (en, es; else the page's or browser's language), data-strings (JSON),
// data-position (right, left), data-open, data-customer-id (whose transactions a receipt is checked
// against), data-max-image-bytes (may only lower the service's limit).
(function supportChatWidget() {
  'use strict';
  var script = document.currentScript;
  if (!script || window.__supportChatWidget) return;
  window.__supportChatWidget = true;

  // Filled in by the service when it serves this file (INVOICE_MAX_IMAGE_BYTES, BOT_STAGE); the
  // numbers here are the documented defaults for a copy served from elsewhere.
  var SERVICE_MAX_IMAGE_BYTES = /*MAX_IMAGE_BYTES*/ 10485760;
  var SERVICE_STAGE = /*BOT_STAGE*/ 1;
  var IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/tiff'];

  var attr = function (name) {
    return script.getAttribute('data-' + name);
  };
  var apiKey = attr('key') || '';
  var apiBase = (attr('api') || new URL(script.src, window.location.href).origin).replace(/\/+$/, '');
  var storageKey = 'support-chat:' + apiBase + ':' + apiKey.slice(0, 16);
  var customerId = attr('customer-id');
  var pageLimit = Number(attr('max-image-bytes'));
  var maxImageBytes = pageLimit > 0 ? Math.min(pageLimit, SERVICE_MAX_IMAGE_BYTES) : SERVICE_MAX_IMAGE_BYTES;

  var locale = pickLocale([attr('locale'), document.documentElement.lang, navigator.language]);
  var strings = Object.assign({}, SUPPORT_CHAT_STRINGS.en, SUPPORT_CHAT_STRINGS[locale]);
  try {
    Object.assign(strings, JSON.parse(attr('strings') || '{}'));
  } catch {
    /* a malformed override keeps the built-in words */
  }
  var title = attr('title') || strings.title;
  var timeFormat = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' });

  function pickLocale(candidates) {
    for (var i = 0; i < candidates.length; i++) {
      var tag = (candidates[i] || '').toLowerCase().split('-')[0];
      if (SUPPORT_CHAT_STRINGS[tag]) return tag;
    }
    return 'en';
  }

  function t(name, values) {
    return strings[name].replace(/\{(\w+)\}/g, function (_, key) {
      return values && values[key] !== undefined ? String(values[key]) : '';
    });
  }

  function formatBytes(n) {
    var mb = n >= 1048576;
    var value = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(
      mb ? n / 1048576 : n / 1024,
    );
    return value + (mb ? ' MB' : ' KB');
  }

  // Drawn inline: an emoji needs a colour font that many systems lack.
  var PAPERCLIP =
    '<svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><path d="M21.44 11.05l-9.19 9.19a6 6 0 0 1-8.49-8.49l9.19-9.19a4 4 0 0 1 5.66 5.66l-9.2 9.19a2 2 0 0 1-2.83-2.83l8.49-8.48"/></svg>';

  var host = document.createElement('div');
  host.setAttribute('data-support-chat', '');
  host.setAttribute('data-position', attr('position') === 'left' ? 'left' : 'right');
  host.setAttribute('lang', locale);
  var root = host.attachShadow({ mode: 'open' });
  root.innerHTML =
    '<style>' +
    SUPPORT_CHAT_CSS +
    '</style>' +
    '<button class="launcher" type="button" aria-expanded="false" aria-controls="support-chat-panel"><span class="label"></span><span class="badge" hidden></span></button>' +
    '<section class="panel" id="support-chat-panel" role="dialog" aria-modal="false" aria-labelledby="support-chat-title" hidden>' +
    '<header><h2 id="support-chat-title"></h2><button class="close" type="button">\u00d7</button></header>' +
    '<div class="status" role="status"></div>' +
    '<div class="log" role="log" aria-live="polite" aria-relevant="additions" tabindex="0"></div>' +
    '<div class="sr typing-text" aria-live="polite"></div>' +
    '<div class="preview" hidden><img alt=""><span class="name"></span><button class="icon-button remove" type="button">\u2715</button></div>' +
    '<form><input class="file" type="file" hidden accept="' +
    IMAGE_TYPES.join(',') +
    '"><button class="icon-button attach" type="button" hidden>' +
    PAPERCLIP +
    '</button>' +
    '<label class="sr" for="support-chat-input"></label>' +
    '<textarea id="support-chat-input" maxlength="1000" autocomplete="off"></textarea>' +
    '<button class="send" type="submit"></button></form>' +
    '<div class="drop" hidden></div>' +
    '</section>';
  document.body.appendChild(host);

  var $ = function (selector) {
    return root.querySelector(selector);
  };
  var launcher = $('.launcher');
  var badge = $('.badge');
  var panel = $('.panel');
  var statusBar = $('.status');
  var log = $('.log');
  var typingText = $('.typing-text');
  var preview = $('.preview');
  var fileInput = $('.file');
  var attachButton = $('.attach');
  var form = $('form');
  var input = $('textarea');
  var sendButton = $('.send');
  var drop = $('.drop');
  $('h2').textContent = title;
  $('.label').textContent = strings.launcher;
  $('.close').setAttribute('aria-label', strings.close);
  $('.remove').setAttribute('aria-label', strings.removeImage);
  $('label').textContent = strings.yourMessage;
  log.setAttribute('aria-label', strings.conversation);
  input.placeholder = strings.placeholder;
  sendButton.textContent = strings.send;
  attachButton.setAttribute('aria-label', strings.attach);
  attachButton.title = strings.attach;
  drop.textContent = strings.dropHere;

  var conversationId = null;
  var stage = SERVICE_STAGE;
  var status = 'bot';
  var queue = null;
  var streamState = 'closed';
  var shown = {};
  var lastSeq = 0;
  var streamAbort = null;
  var busy = false;
  var unread = 0;
  var pending = null; // { file, url } while an image waits in the preview
  var typingBubble = null;

  function uuid() {
    if (crypto && crypto.randomUUID) return crypto.randomUUID();
    return 'k' + Date.now().toString(36) + Math.random().toString(36).slice(2);
  }

  function request(method, path, body) {
    var headers = { 'x-api-key': apiKey };
    var multipart = typeof FormData !== 'undefined' && body instanceof FormData;
    if (body !== undefined && !multipart) headers['content-type'] = 'application/json';
    if (method === 'POST') headers['idempotency-key'] = uuid();
    var attempt = function () {
      return fetch(apiBase + path, {
        method: method,
        headers: headers,
        body: body === undefined ? undefined : multipart ? body : JSON.stringify(body),
      });
    };
    // A POST is retried once with the same Idempotency-Key: the server runs it at most once.
    return attempt()
      .catch(function () {
        return attempt();
      })
      .then(function (res) {
        return res
          .json()
          .catch(function () {
            return {};
          })
          .then(function (json) {
            if (!res.ok) {
              var err = new Error(json.message || 'HTTP ' + res.status);
              err.status = res.status;
              err.code = json.code;
              throw err;
            }
            return json;
          });
      });
  }

  // Keeps the newest message in view: after every addition and whenever the log's box changes size
  // (the status banner, the preview or the on-screen keyboard take room from it).
  function scrollToEnd() {
    log.scrollTop = log.scrollHeight;
  }
  if (typeof ResizeObserver !== 'undefined') new ResizeObserver(scrollToEnd).observe(log);

  function renderStatus() {
    var lines = [];
    if (streamState === 'reconnecting') lines.push(strings.reconnecting);
    if (status === 'waiting_for_agent') {
      lines.push(strings.waiting);
      if (queue && queue.position) lines.push(t('queuePosition', { position: queue.position }));
      if (queue && queue.expectedWaitSeconds)
        lines.push(t('queueWait', { minutes: Math.max(1, Math.round(queue.expectedWaitSeconds / 60)) }));
    } else if (status === 'with_agent') lines.push(strings.withAgent);
    statusBar.textContent = '';
    lines.forEach(function (line) {
      var span = document.createElement('span');
      span.textContent = line;
      statusBar.appendChild(span);
    });
    statusBar.hidden = lines.length === 0;
    statusBar.classList.toggle('offline', streamState === 'reconnecting');
    host.setAttribute('data-status', status);
    host.setAttribute('data-stream', streamState);
    scrollToEnd();
  }

  function setStatus(next, nextQueue) {
    status = next || 'bot';
    if (nextQueue !== undefined) queue = nextQueue;
    if (status !== 'waiting_for_agent') queue = null;
    renderStatus();
  }

  function setStage(next) {
    if (next) stage = next;
    attachButton.hidden = stage < 3;
  }

  function setUnread(count) {
    unread = count;
    badge.hidden = unread === 0;
    badge.textContent = String(unread);
    launcher.setAttribute(
      'aria-label',
      unread === 0 ? strings.launcher : strings.launcher + ', ' + t('unread', { count: unread }),
    );
  }

  function authorName(m) {
    if (m.author === 'customer') return strings.you;
    // The agent's display name when the service sends one; else the team.
    if (m.author === 'agent') return m.agentName || strings.agent;
    return strings.assistant;
  }

  function addMessage(m, image) {
    if (shown[m.seq]) return;
    shown[m.seq] = true;
    if (typeof m.seq === 'number' && m.seq > lastSeq) lastSeq = m.seq;
    var bubble = document.createElement('div');
    bubble.className = 'msg ' + m.author;
    if (typeof m.seq === 'number') bubble.setAttribute('data-seq', String(m.seq));
    if (m.answeredBy) bubble.setAttribute('data-answered-by', m.answeredBy);
    var meta = document.createElement('span');
    meta.className = 'meta';
    var who = document.createElement('span');
    who.className = 'who';
    who.textContent = authorName(m);
    meta.appendChild(who);
    var at = m.createdAt ? new Date(m.createdAt) : new Date();
    if (!isNaN(at.getTime())) {
      var time = document.createElement('time');
      time.dateTime = at.toISOString();
      time.textContent = timeFormat.format(at);
      meta.appendChild(time);
    }
    bubble.appendChild(meta);
    var text = m.text || '';
    // An image message is stored as "[image] what the reader saw"; the customer sent a picture.
    if (m.author === 'customer' && text.indexOf('[image]') === 0) {
      bubble.appendChild(document.createTextNode(strings.imageSent));
      if (image) {
        var img = document.createElement('img');
        img.src = image.url;
        img.alt = image.name;
        bubble.appendChild(img);
      }
    } else bubble.appendChild(document.createTextNode(text));
    log.insertBefore(bubble, typingBubble && typingBubble.parentNode === log ? typingBubble : null);
    if (panel.hidden && m.author !== 'customer' && typeof m.seq === 'number') setUnread(unread + 1);
    scrollToEnd();
  }

  function addNote(text) {
    addMessage({ seq: 'note-' + uuid(), author: 'bot', text: text });
  }

  function setTyping(on, label) {
    if (on && !typingBubble) {
      typingBubble = document.createElement('div');
      typingBubble.className = 'typing';
      typingBubble.setAttribute('aria-hidden', 'true');
      typingBubble.innerHTML = '<i></i><i></i><i></i>';
      log.appendChild(typingBubble);
      typingText.textContent = label || strings.typing;
      host.setAttribute('data-typing', 'true');
    } else if (!on && typingBubble) {
      typingBubble.remove();
      typingBubble = null;
      typingText.textContent = '';
      host.removeAttribute('data-typing');
    }
    scrollToEnd();
  }

  function showOptions(options) {
    var old = log.querySelector('.options');
    if (old) old.remove();
    if (!options || options.length === 0) return;
    var box = document.createElement('div');
    box.className = 'options';
    box.setAttribute('role', 'group');
    box.setAttribute('aria-label', strings.suggested);
    options.forEach(function (o) {
      var b = document.createElement('button');
      b.type = 'button';
      b.textContent = o.title;
      b.addEventListener('click', function () {
        box.remove();
        send(o.title);
      });
      box.appendChild(b);
    });
    log.appendChild(box);
    scrollToEnd();
  }

  function startConversation() {
    return request('POST', '/v1/conversations', {}).then(function (c) {
      conversationId = c.id;
      try {
        localStorage.setItem(storageKey, c.id);
      } catch {
        /* storage may be disabled */
      }
      setStage(c.stage);
      setStatus(c.status);
      streamEvents();
      return c.id;
    });
  }

  function restoreConversation(id) {
    return request('GET', '/v1/conversations/' + encodeURIComponent(id)).then(
      function (c) {
        conversationId = c.id;
        c.messages.forEach(function (m) {
          addMessage(m);
        });
        setUnread(0);
        setStage(c.stage);
        setStatus(c.status);
        streamEvents();
      },
      function () {
        try {
          localStorage.removeItem(storageKey);
        } catch {
          /* ignore */
        }
        conversationId = null;
      },
    );
  }

  function ensureConversation() {
    return conversationId ? Promise.resolve(conversationId) : startConversation();
  }

  function setBusy(on, label) {
    busy = on;
    sendButton.disabled = on;
    attachButton.disabled = on;
    setTyping(on, label);
    if (!on) input.focus();
  }

  function showReply(r, image) {
    addMessage(r.customerMessage, image);
    if (r.reply) addMessage(r.reply);
    setStage(r.stage);
    setStatus(r.status, r.queue);
    if (r.clarification) showOptions(r.clarification.options);
  }

  function send(text) {
    text = (text || '').trim();
    if (!text || busy) return;
    setBusy(true);
    showOptions(null);
    ensureConversation()
      .then(function (id) {
        return request('POST', '/v1/conversations/' + id + '/messages', { text: text });
      })
      .then(function (r) {
        showReply(r);
      })
      .catch(function (err) {
        addNote(err.status === 429 ? strings.tooFast : strings.sendFailed);
      })
      .then(function () {
        setBusy(false);
      });
  }

  // Attachments: the picker, drag-and-drop onto the panel and paste all end here. The type and the
  // size limit are checked before anything is uploaded; the service checks both again by content.
  function attachFile(file) {
    if (!file || stage < 3) return;
    clearPreview();
    var error = null;
    if (IMAGE_TYPES.indexOf(file.type) < 0) error = strings.notImage;
    else if (file.size > maxImageBytes)
      error = t('tooLarge', {
        name: file.name,
        size: formatBytes(file.size),
        limit: formatBytes(maxImageBytes),
      });
    var img = preview.querySelector('img');
    var name = preview.querySelector('.name');
    name.classList.toggle('error', error !== null);
    preview.hidden = false;
    if (error) {
      img.hidden = true;
      name.textContent = error;
      name.setAttribute('role', 'alert');
      host.setAttribute('data-attachment', 'refused');
      return;
    }
    // A data: URL, not a blob: one: content security policies (this service's own included) commonly
    // allow `img-src data:` and not `blob:`.
    var reading = { file: file, name: file.name || 'image', url: null };
    pending = reading;
    var reader = new FileReader();
    reader.onload = function () {
      if (pending !== reading) return;
      reading.url = reader.result;
      img.hidden = false;
      img.src = reading.url;
      img.alt = reading.name;
      name.removeAttribute('role');
      name.textContent = t('preview', { name: reading.name, size: formatBytes(file.size) });
      host.setAttribute('data-attachment', 'ready');
      sendButton.focus();
    };
    reader.onerror = function () {
      if (pending !== reading) return;
      pending = null;
      img.hidden = true;
      name.textContent = strings.notImage;
      name.setAttribute('role', 'alert');
      host.setAttribute('data-attachment', 'refused');
    };
    reader.readAsDataURL(file);
  }

  function clearPreview() {
    pending = null;
    preview.hidden = true;
    preview.querySelector('img').removeAttribute('src');
    host.removeAttribute('data-attachment');
  }

  function sendImage() {
    var image = pending;
    if (!image || !image.url || busy) return;
    clearPreview();
    setBusy(true, strings.readingImage);
    showOptions(null);
    ensureConversation()
      .then(function (id) {
        var body = new FormData();
        if (customerId) body.append('customerId', customerId);
        body.append('image', image.file, image.name);
        return request('POST', '/v1/conversations/' + id + '/attachments', body);
      })
      .then(function (r) {
        showReply(r, image);
      })
      .catch(function (err) {
        addNote(
          err.status === 413
            ? t('tooLarge', {
                name: image.name,
                size: formatBytes(image.file.size),
                limit: formatBytes(maxImageBytes),
              })
            : err.status === 415
              ? strings.notImage
              : err.code === 'FEATURE_DISABLED'
                ? strings.imagesOff
                : err.status === 429
                  ? strings.tooFast
                  : err.status === 422
                    ? strings.imageFailed
                    : strings.sendFailed,
        );
      })
      .then(function () {
        setBusy(false);
      });
  }

  // Server-sent events over fetch: parses `id:`, `event:` and `data:` lines. A dropped or refused
  // stream is retried with exponential backoff and jitter (1 s doubling to 30 s, reset once a stream
  // opens), resuming after the last message seen; going back online retries at once.
  var retryDelay = 1000;
  var retryTimer = null;
  function streamEvents() {
    if (!conversationId || streamAbort || typeof TextDecoder === 'undefined') return;
    clearTimeout(retryTimer);
    retryTimer = null;
    var controller = new AbortController();
    streamAbort = controller;
    var retry = function () {
      if (streamAbort !== controller) return;
      streamAbort = null;
      streamState = 'reconnecting';
      renderStatus();
      var wait = retryDelay * (0.75 + Math.random() * 0.5);
      retryDelay = Math.min(retryDelay * 2, 30000);
      retryTimer = setTimeout(streamEvents, wait);
    };
    var headers = { 'x-api-key': apiKey, accept: 'text/event-stream' };
    if (lastSeq > 0) headers['last-event-id'] = String(lastSeq);
    fetch(apiBase + '/v1/conversations/' + conversationId + '/events?after=' + lastSeq, {
      headers: headers,
      signal: controller.signal,
    })
      .then(function (res) {
        if (!res.ok || !res.body) {
          // 404: the conversation is gone; 401/403: the key cannot read it. Neither heals by retrying.
          if (res.status === 404 || res.status === 401 || res.status === 403) streamAbort = null;
          else retry();
          return;
        }
        retryDelay = 1000;
        streamState = 'open';
        renderStatus();
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
            var events = buffer.split(/\r?\n\r?\n/);
            buffer = events.pop();
            events.forEach(handleEvent);
            return pump();
          });
        };
        return pump();
      })
      .catch(function () {
        if (!controller.signal.aborted) retry();
      });
  }
  window.addEventListener('online', function () {
    if (retryTimer) streamEvents();
  });

  function handleEvent(block) {
    var type = 'message';
    var data = '';
    block.split(/\r?\n/).forEach(function (line) {
      if (line.indexOf('event:') === 0) type = line.slice(6).trim();
      else if (line.indexOf('data:') === 0) data += line.slice(5).trim();
    });
    if (!data) return;
    var payload;
    try {
      payload = JSON.parse(data);
    } catch {
      return;
    }
    if (type === 'message') addMessage(payload);
    else if (type === 'status') setStatus(payload.status, payload.queue);
  }

  function openPanel() {
    panel.hidden = false;
    launcher.hidden = true;
    launcher.setAttribute('aria-expanded', 'true');
    setUnread(0);
    input.focus();
    if (log.children.length === 0) addNote(strings.greeting);
    scrollToEnd();
  }

  function closePanel() {
    panel.hidden = true;
    launcher.hidden = false;
    launcher.setAttribute('aria-expanded', 'false');
    launcher.focus();
  }

  launcher.addEventListener('click', function () {
    if (panel.hidden) openPanel();
    else closePanel();
  });
  $('.close').addEventListener('click', closePanel);
  panel.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') closePanel();
  });
  input.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      if (form.requestSubmit) form.requestSubmit();
      else submit();
    }
  });
  // With an image in the preview, Send sends the image; typed text stays for the next Send.
  function submit() {
    if (pending) return sendImage();
    var text = input.value;
    input.value = '';
    if (text.trim()) send(text);
  }
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    submit();
  });
  attachButton.addEventListener('click', function () {
    fileInput.click();
  });
  fileInput.addEventListener('change', function () {
    attachFile(fileInput.files && fileInput.files[0]);
    fileInput.value = '';
  });
  $('.remove').addEventListener('click', function () {
    clearPreview();
    input.focus();
  });
  input.addEventListener('paste', function (e) {
    var items = (e.clipboardData && e.clipboardData.files) || [];
    if (items.length > 0 && stage >= 3) {
      e.preventDefault();
      attachFile(items[0]);
    }
  });
  var dragDepth = 0;
  var carriesFile = function (e) {
    return stage >= 3 && e.dataTransfer && Array.prototype.indexOf.call(e.dataTransfer.types, 'Files') >= 0;
  };
  panel.addEventListener('dragenter', function (e) {
    if (!carriesFile(e)) return;
    e.preventDefault();
    dragDepth++;
    drop.hidden = false;
  });
  panel.addEventListener('dragover', function (e) {
    if (carriesFile(e)) e.preventDefault();
  });
  panel.addEventListener('dragleave', function () {
    dragDepth = Math.max(0, dragDepth - 1);
    if (dragDepth === 0) drop.hidden = true;
  });
  panel.addEventListener('drop', function (e) {
    dragDepth = 0;
    drop.hidden = true;
    if (!carriesFile(e)) return;
    e.preventDefault();
    attachFile(e.dataTransfer.files[0]);
  });

  setStage(SERVICE_STAGE);
  setUnread(0);
  renderStatus();
  var saved = null;
  try {
    saved = localStorage.getItem(storageKey);
  } catch {
    /* ignore */
  }
  var ready = saved ? restoreConversation(saved) : Promise.resolve();
  ready.then(function () {
    host.setAttribute('data-ready', 'true');
    if (attr('open') === 'true' || saved) openPanel();
  });
})();
