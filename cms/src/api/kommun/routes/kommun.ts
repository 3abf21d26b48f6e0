import { publishedContentRouter } from '../../../content/published-router';
import { KOMMUN } from '../../../platform/content-types';

export default publishedContentRouter(KOMMUN);
