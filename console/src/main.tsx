import { render } from 'preact';
import { App } from './app';
import { isSilentRenewFrame, loadSignInConfig, oidcSilentCallback } from './auth';
import './styles.css';

// A silent renewal's hidden frame only passes the issuer's answer back to the page; it shows nothing.
if (isSilentRenewFrame()) {
  void loadSignInConfig().then((c) => (c.signIn === 'oidc' && c.oidc ? oidcSilentCallback(c.oidc) : undefined));
} else {
  render(<App />, document.getElementById('app')!);
}
