import { publishedContentRouter } from '../../../content/published-router';
import { ARTICLE } from '../../../platform/content-types';

export default publishedContentRouter(ARTICLE);
