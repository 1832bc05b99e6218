// Video answers: the host's player is loaded only when the reader presses "Play".
// Until then the page has a plain preview and nothing is fetched from the video host.
(function () {
  "use strict";
  if (window.forumVideoAnswers) {
    return;
  }
  window.forumVideoAnswers = true;

  function play(figure) {
    var frame = document.createElement("iframe");
    frame.src = figure.getAttribute("data-embed");
    frame.title = "Video: " + figure.getAttribute("data-title");
    frame.className = "video-frame";
    frame.setAttribute("allow", "fullscreen; picture-in-picture; encrypted-media");
    frame.setAttribute("allowfullscreen", "");
    frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    figure.querySelector(".video-preview").replaceWith(frame);
    frame.focus();
  }

  function setUp() {
    document.querySelectorAll(".video-answer .video-load").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        play(button.closest(".video-answer"));
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
