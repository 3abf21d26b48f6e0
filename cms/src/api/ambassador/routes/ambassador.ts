import { publishedContentRouter } from '../../../content/published-router';
import { AMBASSADOR } from '../../../platform/content-types';

export default publishedContentRouter(AMBASSADOR);
