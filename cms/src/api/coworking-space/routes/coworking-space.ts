import { publishedContentRouter } from '../../../published-router';

export default publishedContentRouter('api::coworking-space.coworking-space');
