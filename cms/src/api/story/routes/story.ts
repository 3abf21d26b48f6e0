import { publishedContentRouter } from '../../../content/published-router';
import { STORY } from '../../../platform/content-types';

export default publishedContentRouter(STORY);
