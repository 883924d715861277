/* Every page: failed requests shown in place, busy indicators, upload size check. */
(function () {
  "use strict";
  var DELAY = 300; // ms before a wait is announced

  // CSRF: every htmx request carries the token bound to this browser session.
  function csrf() {
    var m = document.querySelector('meta[name="csrf-token"]');
    return m ? m.getAttribute("content") : "";
  }
  document.addEventListener("htmx:configRequest", function (e) {
    e.detail.headers["X-CSRF-Token"] = csrf();
  });
  // Plain forms (no htmx) get the token as a field just before they are sent.
  document.addEventListener("submit", function (e) {
    var f = e.target;
    if ((f.method || "").toLowerCase() !== "post" || f.querySelector('input[name="csrf_token"]')) { return; }
    var i = document.createElement("input");
    i.type = "hidden"; i.name = "csrf_token"; i.value = csrf();
    f.appendChild(i);
  }, true);

  // A page whose data the server is still computing: show progress, reload when ready.
  function watchPending() {
    var box = document.getElementById("pending");
    if (!box) { return; }
    var needs = (box.getAttribute("data-needs") || "").split(" ").filter(Boolean);
    function poll() {
      fetch("/api/status", { headers: { "Accept": "application/json" } })
        .then(function (r) { return r.json(); })
        .then(function (st) {
          var all = true;
          needs.forEach(function (n) {
            var row = st.datasets[n];
            var li = box.querySelector('li[data-name="' + n + '"]');
            if (!row) { return; }
            if (row.status !== "ready") { all = false; }
            if (li) {
              li.setAttribute("data-status", row.status);
              li.querySelector(".pending-status").textContent = row.status + (row.error ? ": " + row.error : "");
              var bar = li.querySelector("progress");
              bar.max = row.total || 1; bar.value = row.done;
              li.querySelector(".pending-stage").textContent = row.stage;
            }
          });
          if (all) { window.location.reload(); } else { setTimeout(poll, 500); }
        })
        .catch(function () { setTimeout(poll, 2000); });
    }
    setTimeout(poll, 300);
  }
  document.addEventListener("DOMContentLoaded", watchPending);

  // Lab: after a run (or a comparison) shows, move the focus to it, once per result.
  var shownRun = "", shownCmp = "";
  document.addEventListener("htmx:afterSettle", function (e) {
    var r = document.querySelector("#result[data-status=done]");
    var key = r ? r.getAttribute("data-job") : "";
    var cmp = document.getElementById("comparison");
    var ckey = cmp ? cmp.getAttribute("data-first") + "/" + cmp.getAttribute("data-second") : "";
    if (cmp && ckey !== shownCmp && e.detail.target && e.detail.target.id === "compare") {
      shownCmp = ckey; cmp.focus();
    } else if (r && key !== shownRun) {
      shownRun = key; r.focus();
    }
  });
  // Lab: how many levers are ticked, beside the Run button.
  function countLevers() {
    var form = document.getElementById("lab-form");
    var out = document.getElementById("chosen-count");
    if (!form || !out) { return; }
    var n = form.querySelectorAll('input[name="lever"]:checked').length;
    out.textContent = n ? n + (n === 1 ? " lever ticked" : " levers ticked") : "no lever ticked: the baseline";
  }
  document.addEventListener("change", countLevers);
  document.addEventListener("DOMContentLoaded", countLevers);

  // Range inputs show their value in the <output> beside them (no inline handlers: CSP).
  document.addEventListener("input", function (e) {
    var t = e.target;
    if (t.matches && t.matches('input[type="range"]') && t.nextElementSibling && t.nextElementSibling.tagName === "OUTPUT") {
      t.nextElementSibling.textContent = t.value;
    }
  });

  function busyOn(text) {
    var box = document.getElementById("busy");
    if (!box) { return function () {}; }
    var t = setTimeout(function () {
      document.getElementById("busy-text").textContent = text || "Working...";
      box.hidden = false;
    }, DELAY);
    return function () { clearTimeout(t); box.hidden = true; };
  }

  // Full-page navigations that take seconds: links and forms marked data-busy.
  document.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest("a[data-busy]");
    if (a && !e.ctrlKey && !e.metaKey && !e.shiftKey) { busyOn(a.getAttribute("data-busy")); }
  });
  document.addEventListener("submit", function (e) {
    var f = e.target;
    if (f.hasAttribute("data-busy") && !f.hasAttribute("hx-post")) { busyOn(f.getAttribute("data-busy")); }
  });
  window.addEventListener("pageshow", function () {
    var box = document.getElementById("busy"); if (box) { box.hidden = true; }
  });

  function message(xhr) {
    var status = xhr ? xhr.status : 0;
    var text = xhr ? (xhr.responseText || "") : "";
    var detail = "";
    try { var j = JSON.parse(text); detail = typeof j.detail === "string" ? j.detail : JSON.stringify(j.detail); }
    catch (err) {
      var d = document.createElement("div"); d.innerHTML = text; // parsed, never attached
      var p = d.querySelector(".error"); detail = p ? p.textContent : "";
    }
    if (status === 413) { return detail || "The file or text is too large for this server."; }
    if (status === 401) { return detail || "This needs the access token: open the dashboard once as /?token=TOKEN."; }
    if (status >= 500) { return "Server error (" + status + "): " + (detail || "see the server log") + ". Try again; if it persists, report it."; }
    return detail || ("Request failed with status " + status + ".");
  }

  function showError(target, text) {
    if (!target) { target = document.querySelector("main"); }
    var p = document.createElement("p");
    p.className = "error"; p.setAttribute("role", "alert");
    p.textContent = text;
    var old = target.querySelector(":scope > p.error.request-error");
    if (old) { old.remove(); }
    p.classList.add("request-error");
    target.prepend(p);
  }

  document.addEventListener("htmx:responseError", function (e) {
    var xhr = e.detail.xhr;
    var target = e.detail.target;
    // A server-rendered error fragment (our own HTML) is swapped in as is.
    if (xhr && /text\/html/.test(xhr.getResponseHeader("content-type") || "") && /class="error"/.test(xhr.responseText)) {
      target.innerHTML = xhr.responseText;
      htmx.process(target);
      return;
    }
    showError(target, message(xhr));
  });
  document.addEventListener("htmx:sendError", function (e) {
    showError(e.detail.target, "The server could not be reached, or it closed the connection (an upload over the size limit is cut off). Check the file size and that the server is running, then try again.");
  });
  document.addEventListener("htmx:timeout", function (e) {
    showError(e.detail.target, "The server did not answer in time. Try again.");
  });

  // Refuse an oversized file before sending it (the server refuses it too).
  document.addEventListener("htmx:confirm", function (e) {
    var form = e.target;
    if (!form.matches || !form.matches("form[data-max-bytes]")) { return; }
    var max = parseInt(form.getAttribute("data-max-bytes"), 10);
    var input = form.querySelector('input[type="file"]');
    var file = input && input.files && input.files[0];
    var target = document.querySelector(form.getAttribute("hx-target"));
    if (file && file.size > max) {
      e.preventDefault();
      target.innerHTML = "";
      showError(target, "The file " + file.name + " is " + (file.size / 1e6).toFixed(1) + " MB: too large, at most " + (max / 1e6).toFixed(1) + " MB (" + max.toLocaleString("en") + " bytes). Upload a smaller file or split it.");
    }
  });
})();
