# why: delegates to a TensorDataset built from converted copies of the arrays
# %% points_dataset
class PointsDataset(Dataset):
    def __init__(self, points: np.ndarray, labels: np.ndarray) -> None:
        self.inner = TensorDataset(torch.from_numpy(points).float(), torch.from_numpy(labels).long())

    def __len__(self) -> int:
        return len(self.inner)

    def __getitem__(self, index: int) -> tuple[torch.Tensor, torch.Tensor]:
        x, y = self.inner[index]
        return x, y
