// Small progressive enhancements; every page works without them.
(function () {
  "use strict";

  // Copy buttons: <button data-copy-target="#id">.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy-target]");
    if (!button) return;
    var source = document.querySelector(button.getAttribute("data-copy-target"));
    if (!source || !navigator.clipboard) return;
    var text = source.value !== undefined ? source.value : source.textContent;
    navigator.clipboard.writeText(text.trim()).then(function () {
      var label = button.textContent;
      button.textContent = "Copied";
      setTimeout(function () { button.textContent = label; }, 1500);
    });
  });

  // After an in-place swap, move focus to what the server marked (autofocus: the moved
  // button, a new form's first field) or to the first field with an error, else to the
  // updated region, so keyboard and screen-reader users stay where they were working.
  // outerHTML swaps replace the target, so look it up again by its id.
  document.body.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail.target;
    if (!target) return;
    var region = (target.id && document.getElementById(target.id)) || target;
    if (!region.isConnected) return;
    var field = region.querySelector("[autofocus], .is-invalid");
    // A moved item's arrow can end up disabled (first or last place): use its sibling.
    if (field && field.disabled) field = field.parentElement.querySelector("button:enabled") || field;
    if (field) { field.focus(); return; }
    // After a save or a delete the server names, in a JM-Focus header, where attention belongs:
    // the same anchor a plain POST redirects to (what was saved, or what held what was deleted).
    var anchorId = event.detail.xhr && event.detail.xhr.getResponseHeader("JM-Focus");
    var anchor = anchorId && document.getElementById(anchorId);
    if (anchor && region.contains(anchor)) {
      if (!anchor.hasAttribute("tabindex")) anchor.setAttribute("tabindex", "-1");
      anchor.focus();
      return;
    }
    if (region.hasAttribute("tabindex")) region.focus({ preventScroll: true });
  });
})();

// An in-place request the server refused (access withdrawn: unshared, removed from a council)
// or could not answer swaps nothing; say so where messages appear, instead of doing nothing.
(function () {
  "use strict";
  document.body.addEventListener("htmx:responseError", function (event) {
    var box = document.getElementById("messages");
    var status = event.detail.xhr ? event.detail.xhr.status : 0;
    if (!box) return;
    var text = status === 403 || status === 404
      ? "This is no longer available to you: it may have been deleted in another tab or on another device, unshared, or you may have left the council. Nothing was saved; anything you typed is still in the form. Copy what you want to keep, then reload the page to see where things stand."
      : "Something went wrong on our side and nothing was saved. Your text is still here: try again in a moment.";
    var alert = document.createElement("div");
    alert.className = "alert alert-warning";
    alert.setAttribute("role", "alert");
    alert.textContent = text;
    box.replaceChildren(alert);
    box.scrollIntoView({ block: "nearest" });
  });
})();

// A save in one region also refreshes others out of band (the questions list shows objective
// titles). A region holding a field the user has changed and not sent keeps it as it is: its
// labels may lag until the next save there, but nothing typed is thrown away.
(function () {
  "use strict";
  function changed(field) {
    if (field.type === "hidden" || field.type === "submit" || field.type === "button") return false;
    if (field.type === "checkbox" || field.type === "radio") return field.checked !== field.defaultChecked;
    if (field.tagName === "SELECT") {
      return Array.prototype.some.call(field.options, function (option) {
        return option.selected !== option.defaultSelected;
      });
    }
    return field.value !== field.defaultValue;
  }
  document.body.addEventListener("htmx:oobBeforeSwap", function (event) {
    var fields = event.detail.target.querySelectorAll("input, textarea, select");
    if (Array.prototype.some.call(fields, changed)) event.detail.shouldSwap = false;
  });
})();
