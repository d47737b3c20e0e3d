/* global window, document, fetch, localStorage, crypto, TextDecoder, AbortController, setTimeout, FormData, FileReader */
// The support chat widget: one <script src=".../widget.js" data-key="PUBLISHABLE_KEY" async> tag.
// Plain browser JavaScript, no dependencies and no external assets; styles live in a shadow root so the
// host page and the widget cannot restyle each other. The conversation id is kept in localStorage, so
// a reload continues the same conversation. Live messages (agents) arrive as server-sent events read
// with fetch, which, unlike EventSource, can send the API key header.
(function supportChatWidget() {
  'use strict';
  var script = document.currentScript;
  if (!script || window.__supportChatWidget) return;
  window.__supportChatWidget = true;

  var apiKey = script.getAttribute('data-key') || '';
  var apiBase = (script.getAttribute('data-api') || new URL(script.src, window.location.href).origin).replace(
    /\/+$/,
    '',
  );
  var title = script.getAttribute('data-title') || 'Support';
  var storageKey = 'support-chat:' + apiBase + ':' + apiKey.slice(0, 16);
  // The service's image limit (INVOICE_MAX_IMAGE_BYTES, 10 MB by default), checked before uploading.
  var maxImageBytes = Number(script.getAttribute('data-max-image-bytes')) || 10 * 1024 * 1024;
  var IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/tiff'];

  var CSS = [
    ':host{all:initial;font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2433}',
    '.launcher{position:fixed;right:20px;bottom:20px;z-index:2147483000;border:0;border-radius:24px;padding:12px 18px;background:#1f4fd1;color:#fff;font:inherit;font-weight:600;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25)}',
    '.launcher:focus-visible,button:focus-visible,textarea:focus-visible{outline:3px solid #ffb703;outline-offset:2px}',
    '.panel{position:fixed;right:20px;bottom:76px;z-index:2147483000;width:min(360px,calc(100vw - 40px));height:min(520px,calc(100vh - 110px));display:flex;flex-direction:column;background:#fff;border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.3);overflow:hidden}',
    '.panel[hidden]{display:none}',
    'header{display:flex;align-items:center;justify-content:space-between;padding:10px 14px;background:#1f4fd1;color:#fff}',
    'header h2{margin:0;font-size:15px}',
    '.close{background:transparent;border:0;color:#fff;font-size:20px;cursor:pointer;line-height:1}',
    '.status{padding:6px 14px;background:#fff3cd;color:#5c4400;font-size:13px}',
    '.status[hidden]{display:none}',
    '.log{flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:8px;background:#f5f7fb}',
    '.msg{max-width:85%;padding:8px 11px;border-radius:10px;white-space:pre-wrap;word-wrap:break-word}',
    '.msg.customer{align-self:flex-end;background:#1f4fd1;color:#fff}',
    '.msg.bot{align-self:flex-start;background:#fff;border:1px solid #dde3ee}',
    '.msg.agent{align-self:flex-start;background:#e7f6ec;border:1px solid #b7e1c3}',
    '.who{display:block;font-size:11px;opacity:.7;margin-bottom:2px}',
    '.options{display:flex;flex-wrap:wrap;gap:6px;align-self:flex-start}',
    '.options button{border:1px solid #1f4fd1;background:#fff;color:#1f4fd1;border-radius:14px;padding:5px 10px;font:inherit;cursor:pointer}',
    '.typing{padding:0 14px 6px;font-size:12px;color:#5a6275;min-height:18px;background:#f5f7fb}',
    'form{display:flex;gap:6px;padding:10px;border-top:1px solid #dde3ee}',
    'textarea{flex:1;resize:none;font:inherit;padding:8px;border:1px solid #b8c2d6;border-radius:8px;height:40px}',
    'form button{border:0;border-radius:8px;background:#1f4fd1;color:#fff;font:inherit;font-weight:600;padding:0 14px;cursor:pointer}',
    'form button:disabled{opacity:.6;cursor:default}',
    '.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}',
    'form .attach{background:#fff;color:#1f4fd1;border:1px solid #1f4fd1;padding:0 10px}',
    '.preview{display:flex;align-items:center;gap:8px;padding:6px 10px;border-top:1px solid #dde3ee;font-size:12px}',
    '.preview[hidden]{display:none}',
    '.preview img{max-width:56px;max-height:56px;border:1px solid #dde3ee;border-radius:4px}',
    '.preview span{flex:1;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}',
    '.preview button{border:0;background:transparent;color:#1f4fd1;font:inherit;cursor:pointer}',
    '.panel.dragging{outline:3px dashed #1f4fd1;outline-offset:-6px}',
  ].join('\n');

  var host = document.createElement('div');
  host.setAttribute('data-support-chat', '');
  var root = host.attachShadow({ mode: 'open' });
  root.innerHTML =
    '<style>' +
    CSS +
    '</style>' +
    '<button class="launcher" type="button" aria-expanded="false" aria-controls="support-chat-panel">Chat with us</button>' +
    '<section class="panel" id="support-chat-panel" role="dialog" aria-modal="false" aria-labelledby="support-chat-title" hidden>' +
    '<header><h2 id="support-chat-title"></h2><button class="close" type="button" aria-label="Close chat">\u00d7</button></header>' +
    '<div class="status" role="status" hidden></div>' +
    '<div class="log" role="log" aria-live="polite" aria-relevant="additions" tabindex="0" aria-label="Conversation"></div>' +
    '<div class="typing" aria-live="polite"></div>' +
    '<div class="preview" hidden><img alt="Receipt to send"><span></span><button type="button" class="remove">Remove</button></div>' +
    '<form><label class="sr" for="support-chat-input">Your message</label>' +
    '<textarea id="support-chat-input" maxlength="1000" placeholder="Type your question\u2026" autocomplete="off"></textarea>' +
    '<input type="file" accept="image/jpeg,image/png,image/webp,image/tiff" hidden aria-hidden="true">' +
    '<button type="button" class="attach" aria-label="Attach a receipt image">+</button>' +
    '<button type="submit">Send</button></form>' +
    '</section>';
  document.body.appendChild(host);

  var launcher = root.querySelector('.launcher');
  var panel = root.querySelector('.panel');
  var closeButton = root.querySelector('.close');
  var statusBar = root.querySelector('.status');
  var log = root.querySelector('.log');
  var typing = root.querySelector('.typing');
  var form = root.querySelector('form');
  var input = root.querySelector('textarea');
  var sendButton = root.querySelector('form button[type="submit"]');
  var attachButton = root.querySelector('.attach');
  var fileInput = root.querySelector('input[type="file"]');
  var preview = root.querySelector('.preview');
  var previewImage = preview.querySelector('img');
  var previewName = preview.querySelector('span');
  var pendingImage = null;
  root.querySelector('h2').textContent = title;

  var conversationId = null;
  var shown = {};
  var lastSeq = 0;
  var streamAbort = null;
  var busy = false;

  function uuid() {
    if (crypto && crypto.randomUUID) return crypto.randomUUID();
    return 'k' + Date.now().toString(36) + Math.random().toString(36).slice(2);
  }

  function request(method, path, body) {
    var headers = { 'x-api-key': apiKey };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method === 'POST') headers['idempotency-key'] = uuid();
    var attempt = function () {
      return fetch(apiBase + path, {
        method: method,
        headers: headers,
        body: body === undefined ? undefined : JSON.stringify(body),
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
              throw err;
            }
            return json;
          });
      });
  }

  function setStatus(status) {
    var text =
      status === 'waiting_for_agent'
        ? 'Waiting for a person \u2014 a member of our team will answer here shortly.'
        : status === 'with_agent'
          ? 'You are chatting with a member of our team.'
          : '';
    statusBar.textContent = text;
    statusBar.hidden = text === '';
    host.setAttribute('data-status', status || 'bot');
  }

  function addMessage(m) {
    if (shown[m.seq]) return;
    shown[m.seq] = true;
    if (m.seq > lastSeq) lastSeq = m.seq;
    var bubble = document.createElement('div');
    bubble.className = 'msg ' + m.author;
    if (typeof m.seq === 'number') bubble.setAttribute('data-seq', String(m.seq));
    var who = document.createElement('span');
    who.className = 'who';
    who.textContent = m.author === 'customer' ? 'You' : m.author === 'agent' ? 'Support team' : 'Assistant';
    bubble.appendChild(who);
    bubble.appendChild(document.createTextNode(m.text));
    log.appendChild(bubble);
    log.scrollTop = log.scrollHeight;
  }

  function addNote(text) {
    addMessage({ seq: 'note-' + uuid(), author: 'bot', text: text });
  }

  function showOptions(options) {
    var old = log.querySelector('.options');
    if (old) old.remove();
    if (!options || options.length === 0) return;
    var box = document.createElement('div');
    box.className = 'options';
    box.setAttribute('role', 'group');
    box.setAttribute('aria-label', 'Suggested answers');
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
    log.scrollTop = log.scrollHeight;
  }

  function startConversation() {
    return request('POST', '/v1/conversations', {}).then(function (c) {
      conversationId = c.id;
      try {
        localStorage.setItem(storageKey, c.id);
      } catch {
        /* storage may be disabled */
      }
      setStatus(c.status);
      streamEvents();
      return c.id;
    });
  }

  function restoreConversation(id) {
    return request('GET', '/v1/conversations/' + encodeURIComponent(id)).then(
      function (c) {
        conversationId = c.id;
        c.messages.forEach(addMessage);
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

  function send(text) {
    text = (text || '').trim();
    if (!text || busy) return;
    busy = true;
    sendButton.disabled = true;
    showOptions(null);
    typing.textContent = 'Assistant is typing\u2026';
    host.setAttribute('data-typing', 'true');
    ensureConversation()
      .then(function (id) {
        return request('POST', '/v1/conversations/' + id + '/messages', { text: text });
      })
      .then(function (r) {
        addMessage(r.customerMessage);
        if (r.reply) addMessage(r.reply);
        setStatus(r.status);
        if (r.clarification) showOptions(r.clarification.options);
      })
      .catch(function (err) {
        addNote(
          err.status === 429
            ? 'You are sending messages too quickly. Please wait a moment.'
            : 'Sorry, your message could not be sent. Please try again.',
        );
      })
      .then(function () {
        busy = false;
        sendButton.disabled = false;
        typing.textContent = '';
        host.removeAttribute('data-typing');
        input.focus();
      });
  }

  // An image (receipt) to send: checked for type and size before any upload, shown as a preview.
  function attachImage(file) {
    if (!file) return;
    if (IMAGE_TYPES.indexOf(file.type) < 0) {
      addNote('Please send a JPEG, PNG, WebP or TIFF image of your receipt.');
      return;
    }
    if (file.size > maxImageBytes) {
      addNote(
        'That image is too large (' +
          Math.ceil(file.size / 1048576) +
          ' MB); the limit is ' +
          Math.floor(maxImageBytes / 1048576) +
          ' MB. Please send a smaller photo.',
      );
      return;
    }
    clearImage();
    pendingImage = file;
    // A data: URL, not a blob: one: pages with a strict CSP (img-src 'self' data:) still show it.
    var reader = new FileReader();
    reader.onload = function () {
      if (pendingImage === file) previewImage.src = String(reader.result);
    };
    reader.readAsDataURL(file);
    previewName.textContent = file.name || 'receipt image';
    preview.hidden = false;
    host.setAttribute('data-image', 'ready');
  }

  function clearImage() {
    previewImage.removeAttribute('src');
    pendingImage = null;
    preview.hidden = true;
    fileInput.value = '';
    host.removeAttribute('data-image');
  }

  function sendImage() {
    if (!pendingImage || busy) return;
    var file = pendingImage;
    busy = true;
    sendButton.disabled = true;
    typing.textContent = 'Assistant is reading your receipt\u2026';
    host.setAttribute('data-typing', 'true');
    ensureConversation()
      .then(function (id) {
        var body = new FormData();
        body.append('image', file, file.name || 'receipt');
        return fetch(apiBase + '/v1/conversations/' + id + '/attachments', {
          method: 'POST',
          headers: { 'x-api-key': apiKey, 'idempotency-key': uuid() },
          body: body,
        }).then(function (res) {
          return res
            .json()
            .catch(function () {
              return {};
            })
            .then(function (json) {
              if (!res.ok) {
                var err = new Error(json.message || 'HTTP ' + res.status);
                err.status = res.status;
                throw err;
              }
              return json;
            });
        });
      })
      .then(function (r) {
        clearImage();
        addMessage(r.customerMessage);
        if (r.reply) addMessage(r.reply);
        setStatus(r.status);
      })
      .catch(function (err) {
        addNote(
          err.status === 413 || err.status === 415 || err.status === 422
            ? 'Sorry, that image could not be read: ' + err.message
            : 'Sorry, your image could not be sent. Please try again.',
        );
      })
      .then(function () {
        busy = false;
        sendButton.disabled = false;
        typing.textContent = '';
        host.removeAttribute('data-typing');
      });
  }

  attachButton.addEventListener('click', function () {
    fileInput.click();
  });
  fileInput.addEventListener('change', function () {
    attachImage(fileInput.files && fileInput.files[0]);
  });
  preview.querySelector('.remove').addEventListener('click', clearImage);
  panel.addEventListener('dragover', function (e) {
    e.preventDefault();
    panel.classList.add('dragging');
  });
  panel.addEventListener('dragleave', function () {
    panel.classList.remove('dragging');
  });
  panel.addEventListener('drop', function (e) {
    e.preventDefault();
    panel.classList.remove('dragging');
    attachImage(e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files[0]);
  });
  input.addEventListener('paste', function (e) {
    var files = e.clipboardData && e.clipboardData.files;
    if (files && files.length > 0) {
      e.preventDefault();
      attachImage(files[0]);
    }
  });

  // Server-sent events over fetch: parses `id:`, `event:` and `data:` lines; reconnects with backoff.
  function streamEvents(delay) {
    if (!conversationId || streamAbort || typeof TextDecoder === 'undefined') return;
    var controller = new AbortController();
    streamAbort = controller;
    var retry = function () {
      streamAbort = null;
      var next = Math.min((delay || 1000) * 2, 30000);
      setTimeout(function () {
        streamEvents(next);
      }, delay || 1000);
    };
    fetch(apiBase + '/v1/conversations/' + conversationId + '/events?after=' + lastSeq, {
      headers: { 'x-api-key': apiKey, accept: 'text/event-stream' },
      signal: controller.signal,
    })
      .then(function (res) {
        if (!res.ok || !res.body) {
          if (res.status !== 404) retry();
          else streamAbort = null;
          return;
        }
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
    else if (type === 'status') setStatus(payload.status);
  }

  function openPanel() {
    panel.hidden = false;
    launcher.setAttribute('aria-expanded', 'true');
    input.focus();
    if (log.children.length === 0) addNote('Hello! Ask me about cards, payments, transfers or your account.');
  }

  function closePanel() {
    panel.hidden = true;
    launcher.setAttribute('aria-expanded', 'false');
    launcher.focus();
  }

  launcher.addEventListener('click', function () {
    if (panel.hidden) openPanel();
    else closePanel();
  });
  closeButton.addEventListener('click', closePanel);
  panel.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') closePanel();
  });
  input.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      if (form.requestSubmit) form.requestSubmit();
      else send(input.value);
    }
  });
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    if (pendingImage) {
      sendImage();
      return;
    }
    var text = input.value;
    input.value = '';
    send(text);
  });

  var saved = null;
  try {
    saved = localStorage.getItem(storageKey);
  } catch {
    /* ignore */
  }
  var ready = saved ? restoreConversation(saved) : Promise.resolve();
  ready.then(function () {
    host.setAttribute('data-ready', 'true');
    if (script.getAttribute('data-open') === 'true' || saved) openPanel();
  });
})();
