# mistake: weights each sample by the size of its class, which favours the majority class even more
# targets: test_balanced_loader
# %% balanced_loader
def balanced_loader(dataset: Dataset, labels: torch.Tensor, batch_size: int, num_samples: int, seed: int) -> DataLoader:
    weights = torch.bincount(labels)[labels].double()
    sampler = WeightedRandomSampler(weights, num_samples, replacement=True, generator=torch.Generator().manual_seed(seed))
    return DataLoader(dataset, batch_size=batch_size, sampler=sampler)
