/* global window, document, navigator, fetch, localStorage, crypto, FormData, ResizeObserver, SUPPORT_CHAT_STRINGS, SUPPORT_CHAT_CSS, openSupportChatEventStream, openSupportChatAttachments */
// The support chat widget: one <script src=".../widget.js" data-key="PUBLISHABLE_KEY" async> tag.
// Plain browser JavaScript, no dependencies and no external assets; styles live in a shadow root so the
// host page and the widget cannot restyle each other. The conversation id is kept in localStorage, so
// a reload continues the same conversation. Live messages (agents) arrive over the event stream of
// chat-widget-event-stream.js. Options (script attributes):
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
    '<form><input class="file" type="file" hidden><button class="icon-button attach" type="button" hidden>' +
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
  var attachButton = $('.attach');
  var form = $('form');
  var input = $('textarea');
  var sendButton = $('.send');
  $('h2').textContent = title;
  $('.label').textContent = strings.launcher;
  $('.close').setAttribute('aria-label', strings.close);
  $('label').textContent = strings.yourMessage;
  log.setAttribute('aria-label', strings.conversation);
  input.placeholder = strings.placeholder;
  sendButton.textContent = strings.send;
  attachButton.setAttribute('aria-label', strings.attach);
  attachButton.title = strings.attach;

  var conversationId = null;
  var stage = SERVICE_STAGE;
  var status = 'bot';
  var queue = null;
  var streamState = 'closed';
  var shown = {};
  var lastSeq = 0;
  var busy = false;
  var unread = 0;
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

  var attachments = openSupportChatAttachments({
    root: root,
    host: host,
    maxBytes: maxImageBytes,
    enabled: function () {
      return stage >= 3;
    },
    t: t,
    formatBytes: formatBytes,
    onReady: function () {
      sendButton.focus();
    },
  });

  function sendImage() {
    var image = attachments.pending();
    if (!image || !image.url || busy) return;
    attachments.clear();
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

  var stream = openSupportChatEventStream({
    url: function () {
      return apiBase + '/v1/conversations/' + conversationId + '/events?after=' + lastSeq;
    },
    headers: function () {
      return { 'x-api-key': apiKey };
    },
    lastSeq: function () {
      return lastSeq;
    },
    onEvent: function (type, payload) {
      if (type === 'message') addMessage(payload);
      else if (type === 'status') setStatus(payload.status, payload.queue);
    },
    onState: function (state) {
      streamState = state;
      renderStatus();
    },
  });
  function streamEvents() {
    if (conversationId) stream.connect();
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
    if (attachments.pending()) return sendImage();
    var text = input.value;
    input.value = '';
    if (text.trim()) send(text);
  }
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    submit();
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
