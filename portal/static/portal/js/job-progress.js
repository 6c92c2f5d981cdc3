// Live progress of a background job: polls the job API every second until it finishes,
// then reloads once so the page shows the result (download link or error and re-run button).
(function () {
  "use strict";
  var root = document.getElementById("job");
  if (!root || root.dataset.finished === "true") { return; }
  var labels = JSON.parse(document.getElementById("job-status-labels").textContent);
  var bar = document.getElementById("job-progress");
  var text = document.getElementById("job-progress-text");
  var status = document.getElementById("job-status");
  var list = document.getElementById("job-messages");
  function render(job) {
    bar.value = job.progress;
    text.textContent = job.progress + "\u00a0%";
    status.textContent = job.state_label || labels[job.status] || job.status;
    list.innerHTML = "";
    job.messages.forEach(function (m) {
      if (!m.text) { return; }
      var li = document.createElement("li");
      li.className = "level-" + m.level;
      li.textContent = m.text;
      li.style.whiteSpace = "pre-line";
      list.appendChild(li);
    });
  }
  function poll() {
    fetch(root.dataset.apiUrl, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (job) {
        render(job);
        if (job.status === "succeeded" || job.status === "failed") { window.location.reload(); }
        else { window.setTimeout(poll, 1000); }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 500);
})();
