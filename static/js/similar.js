// Similar questions under the title while she writes her question (the ask page).
// Without JavaScript the Preview button shows the same list. Links open in a new tab.
(function () {
  "use strict";
  var box = document.getElementById("similar-questions");
  var title = document.getElementById("id_title");
  var category = document.getElementById("id_category");
  if (!box || !title || !window.fetch) {
    return;
  }
  var timer = null;
  var asked = "";
  function look() {
    var text = title.value.trim();
    var params = new URLSearchParams({ title: text, category: category ? category.value : "" });
    if (text.length < 8) {
      box.innerHTML = "";
      asked = "";
      return;
    }
    if (params.toString() === asked) {
      return;
    }
    asked = params.toString();
    fetch(box.getAttribute("data-url") + "?" + asked, {
      credentials: "same-origin",
      headers: { Accept: "text/html" },
    })
      .then(function (response) {
        return response.ok ? response.text() : "";
      })
      .then(function (html) {
        if (asked === params.toString()) {
          box.innerHTML = html; // our own server-rendered, escaped fragment
        }
      })
      .catch(function () {});
  }
  function soon() {
    window.clearTimeout(timer);
    timer = window.setTimeout(look, 350);
  }
  title.addEventListener("input", soon);
  if (category) {
    category.addEventListener("change", soon);
  }
})();
