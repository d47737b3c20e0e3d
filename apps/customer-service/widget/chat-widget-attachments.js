/* global FileReader */
// The widget's image attachments (stage 3): the picker, drag-and-drop onto the panel and paste into
// the message box all end in one preview (thumbnail, name, size, a remove button). The type and the
// size limit are checked before anything is uploaded; the service checks both again by content.
// eslint-disable-next-line @typescript-eslint/no-unused-vars
function openSupportChatAttachments(options) {
  // options: root (the shadow root), host, maxBytes, enabled() -> boolean, t(name, values),
  //          formatBytes(n), onReady() once an image waits in the preview
  var IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/tiff'];
  var root = options.root;
  var host = options.host;
  var t = options.t;
  var panel = root.querySelector('.panel');
  var input = root.querySelector('textarea');
  var preview = root.querySelector('.preview');
  var img = preview.querySelector('img');
  var name = preview.querySelector('.name');
  var fileInput = root.querySelector('.file');
  var drop = root.querySelector('.drop');
  var pending = null; // { file, name, url } while an image waits in the preview
  fileInput.accept = IMAGE_TYPES.join(',');
  drop.textContent = t('dropHere');
  preview.querySelector('.remove').setAttribute('aria-label', t('removeImage'));

  function refuse(message) {
    pending = null;
    img.hidden = true;
    name.classList.add('error');
    name.textContent = message;
    name.setAttribute('role', 'alert');
    host.setAttribute('data-attachment', 'refused');
  }

  function attachFile(file) {
    if (!file || !options.enabled()) return;
    clear();
    preview.hidden = false;
    name.classList.remove('error');
    if (IMAGE_TYPES.indexOf(file.type) < 0) return refuse(t('notImage'));
    if (file.size > options.maxBytes)
      return refuse(
        t('tooLarge', {
          name: file.name,
          size: options.formatBytes(file.size),
          limit: options.formatBytes(options.maxBytes),
        }),
      );
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
      name.textContent = t('preview', { name: reading.name, size: options.formatBytes(file.size) });
      host.setAttribute('data-attachment', 'ready');
      options.onReady();
    };
    reader.onerror = function () {
      if (pending === reading) refuse(t('notImage'));
    };
    reader.readAsDataURL(file);
  }

  function clear() {
    pending = null;
    preview.hidden = true;
    img.removeAttribute('src');
    host.removeAttribute('data-attachment');
  }

  root.querySelector('.attach').addEventListener('click', function () {
    fileInput.click();
  });
  fileInput.addEventListener('change', function () {
    attachFile(fileInput.files && fileInput.files[0]);
    fileInput.value = '';
  });
  preview.querySelector('.remove').addEventListener('click', function () {
    clear();
    input.focus();
  });
  input.addEventListener('paste', function (e) {
    var files = (e.clipboardData && e.clipboardData.files) || [];
    if (files.length > 0 && options.enabled()) {
      e.preventDefault();
      attachFile(files[0]);
    }
  });
  var dragDepth = 0;
  var carriesFile = function (e) {
    return (
      options.enabled() && e.dataTransfer && Array.prototype.indexOf.call(e.dataTransfer.types, 'Files') >= 0
    );
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

  return {
    pending: function () {
      return pending;
    },
    clear: clear,
  };
}
