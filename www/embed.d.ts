// Types of the element's module (`kube-cert-inspector/element`, dist/embed.js): it registers
// <kube-cert-inspector> and exports setBase().
import type { Report } from './kube-cert-inspector';

/** Where the inspector's files (index.html, the worker, the wasm) are served, when a bundler
 *  moved this module away from them: a URL, or a path on the page's origin ("/inspector/"). */
export function setBase(url: string | URL): void;

export interface KubeCertInspectorElement extends HTMLElement {
  /** The last report, once the element has reported. */
  report?: Report;
}

declare global {
  interface HTMLElementTagNameMap {
    'kube-cert-inspector': KubeCertInspectorElement;
  }
  interface HTMLElementEventMap {
    report: CustomEvent<Report>;
  }
}
