// The reference page's error types per status, written out by hand so the type tests compare the
// generated unions with the page, not with themselves.
export type Types401 =
  | 'errors/missing_credentials' | 'errors/multiple_sessions' | 'errors/invalid_checkpoint_solution'
  | 'errors/invalid_proxy_credentials' | 'errors/checkpoint_error' | 'errors/invalid_credentials'
  | 'errors/expired_credentials' | 'errors/insufficient_privileges' | 'errors/disconnected_account'
  | 'errors/disconnected_feature' | 'errors/invalid_credentials_but_valid_account_imap' | 'errors/expired_link'
  | 'errors/wrong_account';
export type Types403 =
  | 'errors/account_restricted' | 'errors/account_mismatch' | 'errors/insufficient_permissions' | 'errors/session_mismatch'
  | 'errors/feature_not_subscribed' | 'errors/subscription_required' | 'errors/unknown_authentication_context'
  | 'errors/action_required' | 'errors/resource_access_restricted';
export type Types500 = 'errors/unexpected_error' | 'errors/provider_error' | 'errors/authentication_intent_error';
export type Types503 = 'errors/no_client_session' | 'errors/no_channel' | 'errors/no_handler' | 'errors/network_down' | 'errors/service_unavailable';
