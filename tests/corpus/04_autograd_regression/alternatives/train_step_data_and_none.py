# why: the older w.data update is also in place and untracked; w.grad = None resets the gradient as well
# %% train_step
def train_step(x, y, w, b, lr):
    loss = 0.5 * torch.sum((x ** 2 * w + b - y) ** 2)
    loss.backward()
    w.data -= lr * w.grad.data
    b.data -= lr * b.grad.data
    w.grad = None
    b.grad = None
    return float(loss)
