// The card rules are shared by every resident-ID-card case type (domain/id-card).
export * from '../id-card/rules';
