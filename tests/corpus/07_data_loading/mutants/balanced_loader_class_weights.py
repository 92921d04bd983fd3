# mistake: passes one weight per class instead of one per sample, so only the first few samples can be drawn
# targets: test_balanced_loader
# %% balanced_loader
def balanced_loader(dataset: Dataset, labels: torch.Tensor, batch_size: int, num_samples: int, seed: int) -> DataLoader:
    weights = 1.0 / torch.bincount(labels).double()
    sampler = WeightedRandomSampler(weights, num_samples, replacement=True, generator=torch.Generator().manual_seed(seed))
    return DataLoader(dataset, batch_size=batch_size, sampler=sampler)
