/* global document, location, window, HTMLElement, customElements */
/*
 * Postfix TLS Lab embed: <postfix-lab scenario="lab-default" exercise="enable-may" height="700">.
 * A classic script (no module, no CORS needed from the host page). It replaces the element's content
 * (the text fallback and link that feed readers and pages without scripts show) with a sandboxed iframe
 * of /embed/<scenario>/ from the site this script came from, and sizes the frame to the height the lab
 * reports. The frame runs with sandbox="allow-scripts" only: an opaque origin, so its messages come with
 * origin "null" and are matched by event.source.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  var base = new URL('/', script && script.src ? script.src : location.href);
  var NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  var frames = [];

  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || data.type !== 'postfix-lab:height' || typeof data.height !== 'number') return;
    for (var i = 0; i < frames.length; i++) {
      var f = frames[i];
      if (f.contentWindow === event.source && !f.hasAttribute('data-fixed-height')) {
        f.style.height = Math.max(200, Math.min(Math.ceil(data.height), 5000)) + 'px';
      }
    }
  });

  class PostfixLab extends HTMLElement {
    connectedCallback() {
      // Defined before the page has been parsed, the element connects at its start tag, before its children
      // (the fallback) exist: build once the document is parsed, so that the fallback is replaced too.
      if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', () => {
          if (this.isConnected) this.build();
        });
        return;
      }
      this.build();
    }
    build() {
      if (this.frame) return;
      var name = this.getAttribute('scenario') || 'lab-default';
      if (!NAME.test(name)) name = 'lab-default';
      var url = new URL('/embed/' + name + '/', base);
      var exercise = this.getAttribute('exercise');
      if (exercise && NAME.test(exercise)) url.searchParams.set('exercise', exercise);
      var frame = document.createElement('iframe');
      frame.src = url.href;
      frame.title = 'Postfix TLS Lab: ' + name;
      frame.setAttribute('sandbox', 'allow-scripts');
      frame.setAttribute('loading', 'lazy');
      frame.style.width = '100%';
      frame.style.border = '1px solid #c9ced6';
      var height = Number(this.getAttribute('height'));
      if (height > 0) {
        frame.style.height = height + 'px';
        frame.setAttribute('data-fixed-height', '');
      } else {
        frame.style.height = '700px';
      }
      this.frame = frame;
      frames.push(frame);
      this.replaceChildren(frame);
    }
    disconnectedCallback() {
      frames = frames.filter(function (f) {
        return f.isConnected;
      });
    }
  }

  if (!customElements.get('postfix-lab')) customElements.define('postfix-lab', PostfixLab);
})();
