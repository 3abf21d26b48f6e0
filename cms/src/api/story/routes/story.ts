import { publishedContentRouter } from '../../../published-router';

export default publishedContentRouter('api::story.story');
