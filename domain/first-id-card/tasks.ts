// Photo lookup and sharing, card production: shared by every resident-ID-card case type (domain/id-card).
export { CARD_PRODUCTION, idCardTaskResult, idCardTasks, PHOTO_LOOKUP, PHOTO_SHARE } from '../id-card/tasks';
