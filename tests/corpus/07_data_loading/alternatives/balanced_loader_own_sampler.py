# why: a hand-written Sampler that draws with torch.multinomial from its own generator
# %% balanced_loader
def balanced_loader(dataset: Dataset, labels: torch.Tensor, batch_size: int, num_samples: int, seed: int) -> DataLoader:
    from torch.utils.data import Sampler
    sizes = {int(c): int((labels == c).sum()) for c in labels.unique()}
    weights = torch.tensor([1.0 / sizes[int(c)] for c in labels])

    class Balanced(Sampler):
        def __init__(self):
            self.generator = torch.Generator().manual_seed(seed)

        def __len__(self):
            return num_samples

        def __iter__(self):
            return iter(torch.multinomial(weights, num_samples, replacement=True, generator=self.generator).tolist())

    return DataLoader(dataset, batch_size=batch_size, shuffle=False, sampler=Balanced())
