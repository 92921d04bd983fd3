# mistake: a sampler that reseeds its generator at every epoch, so every epoch draws the same samples
# targets: test_balanced_loader
# %% balanced_loader
def balanced_loader(dataset: Dataset, labels: torch.Tensor, batch_size: int, num_samples: int, seed: int) -> DataLoader:
    weights = 1.0 / torch.bincount(labels)[labels].double()

    class Reseeded(WeightedRandomSampler):
        def __iter__(self):
            self.generator = torch.Generator().manual_seed(seed)
            return super().__iter__()

    return DataLoader(dataset, batch_size=batch_size, sampler=Reseeded(weights, num_samples, replacement=True))
