/** A page that throws while rendering shows a sentence, not a blank screen. */
import { Component, type ReactNode } from 'react';

export class ErrorBoundary extends Component<{ readonly children: ReactNode }, { readonly error: Error | undefined }> {
  override state: { readonly error: Error | undefined } = { error: undefined };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    if (this.state.error !== undefined) {
      return (
        <div className="state state-problem" role="alert">
          <p className="state-title">This page could not be shown. Reload it; if it keeps happening, tell your Tandem admin.</p>
          <p className="muted">{this.state.error.message}</p>
        </div>
      );
    }
    return this.props.children;
  }
}
