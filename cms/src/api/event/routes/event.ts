import { publishedContentRouter } from '../../../content/published-router';
import { EVENT } from '../../../platform/content-types';

export default publishedContentRouter(EVENT);
